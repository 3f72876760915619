#!/bin/sh
# Run by LocalStack once it is ready (/etc/localstack/init/ready.d): the bucket and the three streams of the AWS build.
set -eu
prefix="${PIPELINE_TOPIC_PREFIX:-pinterest}"
awslocal s3 mb "s3://${LANDING_BUCKET:-pinterest-landing}"
for kind in pin geo user; do
  awslocal kinesis create-stream --stream-name "streaming-${prefix}-${kind}" --shard-count 1
done

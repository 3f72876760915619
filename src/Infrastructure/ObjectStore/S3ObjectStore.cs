using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Pinterest.Modular.Application.Landing;

namespace Pinterest.Modular.Infrastructure.ObjectStore;

/// <summary>
/// The landing zone in an S3 bucket. A key maps to <c>&lt;ObjectStore:Prefix&gt;/&lt;key&gt;</c>, so the landing objects sit
/// under <c>topics/</c> exactly where the S3 sink connector puts them, and a bucket it wrote is read as is. The ETag
/// is S3's own. A put is one PUT up to <see cref="ObjectStoreOptions.MultipartThresholdBytes"/>, a multipart upload
/// above it; either way S3 shows the object only once it is complete. Disposes the client with itself.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    /// <summary>S3's most keys per ListObjectsV2 page.</summary>
    private const int PageSize = 1000;

    /// <summary>How long a failed upload may spend on its best-effort abort before the original error is thrown.</summary>
    private static readonly TimeSpan AbortBudget = TimeSpan.FromSeconds(10);

    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _keyPrefix;
    private readonly int _multipartThreshold;
    private readonly int _partBytes;

    public S3ObjectStore(IAmazonS3 client, ObjectStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Bucket, nameof(options));
        _client = client;
        _bucket = options.Bucket;
        _keyPrefix = options.KeyPrefix;
        _multipartThreshold = options.MultipartThresholdBytes;
        _partBytes = options.PartBytes;
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _keyPrefix + prefix, MaxKeys = PageSize };
        while (true)
        {
            var page = await _client.ListObjectsV2Async(request, cancellationToken);
            foreach (var listed in page.S3Objects ?? [])
            {
                // A key ending in '/' is a console "folder", not an object the landing zone wrote.
                if (!listed.Key.EndsWith('/'))
                {
                    yield return new StoredObject(listed.Key[_keyPrefix.Length..], listed.ETag, listed.Size ?? 0);
                }
            }

            if (page.IsTruncated != true)
            {
                yield break;
            }

            request.ContinuationToken = page.NextContinuationToken
                ?? throw new InvalidOperationException($"S3 answered a truncated listing of '{request.Prefix}' without a continuation token.");
        }
    }

    public async Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(key);
        try
        {
            using var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = objectKey }, cancellationToken);
            var length = response.ContentLength;
            if (length > Array.MaxLength)
            {
                throw new InvalidOperationException($"s3://{_bucket}/{objectKey} is {length} bytes, more than one read can hold.");
            }

            if (length < 0)
            {
                // No Content-Length (a chunked answer from some S3-compatible store): read to the end instead.
                using var buffer = new MemoryStream();
                await response.ResponseStream.CopyToAsync(buffer, cancellationToken);
                return buffer.ToArray();
            }

            var content = new byte[length];
            await response.ResponseStream.ReadExactlyAsync(content, cancellationToken);
            return content;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FileNotFoundException($"The landing zone has no object '{key}' (s3://{_bucket}/{objectKey}).", objectKey, ex);
        }
    }

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(key);
        return content.Length <= _multipartThreshold
            ? PutWholeAsync(objectKey, content, cancellationToken)
            : PutInPartsAsync(objectKey, content, cancellationToken);
    }

    public void Dispose() => _client.Dispose();

    private async Task PutWholeAsync(string objectKey, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var body = StreamOver(content);
        await _client.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = _bucket,
                Key = objectKey,
                InputStream = body,
                AutoCloseStream = false,
                ContentType = "application/json",
                UseChunkEncoding = false, // s3rver 3.7 stores aws-chunked framing as content
            },
            cancellationToken);
    }

    private async Task PutInPartsAsync(string objectKey, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var upload = await _client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = _bucket, Key = objectKey, ContentType = "application/json" },
            cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            for (var offset = 0; offset < content.Length; offset += _partBytes)
            {
                var part = content.Slice(offset, Math.Min(_partBytes, content.Length - offset));
                var partNumber = parts.Count + 1;
                using var body = StreamOver(part);
                var uploaded = await _client.UploadPartAsync(
                    new UploadPartRequest
                    {
                        BucketName = _bucket,
                        Key = objectKey,
                        UploadId = upload.UploadId,
                        PartNumber = partNumber,
                        InputStream = body,
                        PartSize = part.Length,
                        IsLastPart = offset + part.Length == content.Length,
                        UseChunkEncoding = false,
                    },
                    cancellationToken);
                parts.Add(new PartETag(partNumber, uploaded.ETag));
            }

            await _client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = _bucket, Key = objectKey, UploadId = upload.UploadId, PartETags = parts },
                cancellationToken);
        }
        catch
        {
            await TryAbortAsync(objectKey, upload.UploadId);
            throw;
        }
    }

    /// <summary>
    /// Frees the parts of a failed upload. Best effort: some S3-compatible stores (s3rver) have no abort, and the
    /// upload's own error is the one to report; a bucket lifecycle rule cleans up what stays behind on AWS.
    /// </summary>
    private async Task TryAbortAsync(string objectKey, string uploadId)
    {
        using var budget = new CancellationTokenSource(AbortBudget);
        try
        {
            await _client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = _bucket, Key = objectKey, UploadId = uploadId }, budget.Token);
        }
        catch (Exception ex) when (ex is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or OperationCanceledException)
        {
            // Ignored on purpose: see the summary.
        }
    }

    private string ObjectKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.StartsWith('/'))
        {
            throw new ArgumentException($"'{key}' is not a valid object key: keys are relative, without a leading '/'.", nameof(key));
        }

        return _keyPrefix + key;
    }

    /// <summary>A read-only stream over the bytes, without a copy when they live in an array (they do for the sink).</summary>
    private static MemoryStream StreamOver(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
}

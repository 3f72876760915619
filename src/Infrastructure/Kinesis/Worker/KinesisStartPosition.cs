namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary><c>Kinesis:Worker:StartPosition</c>: where a shard with no checkpoint is first read from.</summary>
public enum KinesisStartPosition
{
    /// <summary>The oldest record the stream still keeps (TRIM_HORIZON): nothing accepted is missed.</summary>
    TrimHorizon,

    /// <summary>Only records put after the reader started (LATEST).</summary>
    Latest,
}

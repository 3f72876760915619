namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>
/// The records this process has put into each shard (Kinesis acknowledged them), in memory; a background writer keeps
/// the totals in the warehouse so every host sees what all hosts accepted against what they stored: the backlog.
/// </summary>
public sealed class KinesisAcceptedCounts
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Stream, string ShardId), long> _totals = [];

    public void Add(string stream, IEnumerable<KinesisPutResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        lock (_gate)
        {
            foreach (var result in results)
            {
                _totals[(stream, result.ShardId)] = _totals.GetValueOrDefault((stream, result.ShardId)) + 1;
            }
        }
    }

    /// <summary>The totals since this process started, per stream and shard.</summary>
    public IReadOnlyDictionary<(string Stream, string ShardId), long> Totals()
    {
        lock (_gate)
        {
            return new Dictionary<(string Stream, string ShardId), long>(_totals);
        }
    }
}

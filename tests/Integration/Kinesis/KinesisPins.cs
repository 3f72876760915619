using System.Globalization;
using System.Text;
using Pinterest.Modular.Infrastructure.Kinesis;

namespace Pinterest.Modular.Tests.Integration.Kinesis;

/// <summary>Pin records put on a stream as the API would: one JSON row per record, partition keys spread over the shards.</summary>
internal static class KinesisPins
{
    public static async Task PutAsync(IKinesisClient kinesis, string stream, int from, int count)
    {
        var entries = Enumerable.Range(from, count)
            .Select(i => new KinesisPutEntry(
                Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"index":{{i}},"title":"Pin {{i}}","follower_count":"{{i}}k"}""")),
                string.Create(CultureInfo.InvariantCulture, $"pin-{i}")))
            .ToList();
        await kinesis.PutRecordsAsync(stream, entries, CancellationToken.None);
    }
}

using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>
/// What the stream worker keeps in the warehouse's progress marks, written with the rows in one transaction: per shard
/// (key <c>&lt;stream&gt;/&lt;shardId&gt;</c>) the last stored sequence number (or <see cref="ShardEnd"/> once a closed
/// shard is read to its end) in scope <see cref="Scope"/>, and how many records it has stored in <see cref="StoredScope"/>.
/// Apart from them, each process's count of the records it put into a shard, in <see cref="AcceptedScope"/>.
/// </summary>
public static class KinesisCheckpoints
{
    public const string Scope = "kinesis";

    public const string StoredScope = "kinesis-stored";

    public const string AcceptedScope = "kinesis-accepted";

    /// <summary>The checkpoint of a closed shard read to its end: its children may be read.</summary>
    public const string ShardEnd = "SHARD_END";

    public static string Key(string stream, string shardId) => $"{stream}/{shardId}";

    /// <summary>One process's accepted count for a shard: <c>&lt;stream&gt;/&lt;shardId&gt;@&lt;workerId&gt;</c> (stream names have no '@').</summary>
    public static string AcceptedKey(string stream, string shardId, string workerId) => $"{Key(stream, shardId)}@{workerId}";

    /// <summary>The shard key (<c>&lt;stream&gt;/&lt;shardId&gt;</c>) of an <see cref="AcceptedKey"/>.</summary>
    public static string ShardKeyOfAccepted(string acceptedKey)
    {
        ArgumentNullException.ThrowIfNull(acceptedKey);
        var at = acceptedKey.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? acceptedKey : acceptedKey[..at];
    }

    /// <summary>A record's source id, unique for the rejected store: <c>&lt;stream&gt;/&lt;shardId&gt;/&lt;sequenceNumber&gt;</c>.</summary>
    public static string SourceOf(string stream, string shardId, string sequenceNumber) => $"{stream}/{shardId}/{sequenceNumber}";

    public static long ParseStored(string? value) =>
        value is null ? 0 : long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    public static string FormatStored(long stored) => stored.ToString(CultureInfo.InvariantCulture);

    /// <summary>The marks of one scope, by key, read from the warehouse in a scope of their own.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(IServiceScopeFactory scopes, string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        await using var services = scopes.CreateAsyncScope();
        return await services.ServiceProvider.GetRequiredService<IWarehouse>().GetMarksAsync(scope, cancellationToken);
    }
}

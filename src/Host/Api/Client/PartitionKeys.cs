using System.Globalization;
using System.Text.Json;

namespace Pinterest.Modular.Host.Api.Client;

/// <summary>
/// <c>emulate --partition-key</c>: the <c>PartitionKey</c> each Kinesis record carries. <c>fixed</c> is the AWS
/// emulators' <c>partition-1</c> (every record on one shard); <c>ind</c> the row's key (<c>index</c> of a pin, <c>ind</c>
/// of a geo or user row), so a multi-shard stream is used evenly and a row always lands on the same shard;
/// <c>random</c> a new key per record.
/// </summary>
public enum PartitionKeyMode
{
    Fixed,
    Ind,
    Random,
}

public static class PartitionKeys
{
    public const string Fixed = "partition-1";

    public static PartitionKeyMode Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "fixed" => PartitionKeyMode.Fixed,
        "ind" => PartitionKeyMode.Ind,
        "random" => PartitionKeyMode.Random,
        _ => throw new ArgumentException($"--partition-key '{text}' is not a choice; use fixed, ind or random."),
    };

    public static string For(PartitionKeyMode mode, ReadOnlyMemory<byte> row) => mode switch
    {
        PartitionKeyMode.Ind => KeyOf(row) ?? Fixed,
        PartitionKeyMode.Random => Guid.NewGuid().ToString("N"),
        _ => Fixed,
    };

    /// <summary>The top-level <c>ind</c> or <c>index</c> number of a source row, as text; null when it has none.</summary>
    public static string? KeyOf(ReadOnlyMemory<byte> row)
    {
        var reader = new Utf8JsonReader(row.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isKey = reader.ValueTextEquals("ind"u8) || reader.ValueTextEquals("index"u8);
            reader.Read();
            if (isKey && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var key))
            {
                return key.ToString(CultureInfo.InvariantCulture);
            }

            reader.Skip();
        }

        return null;
    }
}

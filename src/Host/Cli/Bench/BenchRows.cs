using System.Buffers;
using System.Text.Json;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Infrastructure.Source;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// Rows for a benchmark of N posting events: the synthetic source data (seeded, so every run has the same rows), reused
/// cyclically with the key rewritten, so N can exceed the source's 11,153 rows and every event is a distinct <c>ind</c>.
/// </summary>
public sealed class BenchRows
{
    private readonly Dictionary<RecordKind, byte[][]> _base;

    private BenchRows(Dictionary<RecordKind, byte[][]> rows) => _base = rows;

    public static async Task<BenchRows> LoadAsync(ISourceDatabase source, long events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var count = (int)Math.Min(events, SyntheticSourceData.DefaultRows);
        if (await source.CountAsync(RecordKind.Pin, cancellationToken) < count)
        {
            await source.SeedAsync(SyntheticSourceData.DefaultRows, seed: 1, progress: null, cancellationToken);
        }

        var rows = new Dictionary<RecordKind, byte[][]>();
        foreach (var kind in RecordKinds.All)
        {
            var list = new byte[count][];
            for (var i = 0; i < count; i++)
            {
                list[i] = await source.ReadRowAsync(kind, i, cancellationToken) ?? throw new InvalidOperationException($"source row {i} is missing");
            }

            rows[kind] = list;
        }

        return new BenchRows(rows);
    }

    /// <summary>The row of event <paramref name="ind"/>: a source row with its key set to <paramref name="ind"/>.</summary>
    public byte[] Row(RecordKind kind, long ind)
    {
        var rows = _base[kind];
        var source = rows[ind % rows.Length];
        return ind < rows.Length ? source : WithKey(source, kind.KeyField, ind);
    }

    private static byte[] WithKey(byte[] row, string keyField, long key)
    {
        var output = new ArrayBufferWriter<byte>(row.Length + 8);
        using (var writer = new Utf8JsonWriter(output))
        {
            var reader = new Utf8JsonReader(row);
            reader.Read();
            writer.WriteStartObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isKey = reader.ValueTextEquals(keyField);
                writer.WritePropertyName(reader.ValueSpan);
                reader.Read();
                if (isKey)
                {
                    writer.WriteNumberValue(key);
                }
                else
                {
                    // Source rows are flat: a value's bytes run from its start to where the reader stopped.
                    var start = (int)reader.TokenStartIndex;
                    writer.WriteRawValue(row.AsSpan(start, (int)reader.BytesConsumed - start), skipInputValidation: true);
                }
            }

            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }
}

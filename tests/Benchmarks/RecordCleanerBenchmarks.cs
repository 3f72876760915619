using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Benchmarks.Inputs;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Benchmarks;

/// <summary>
/// The whole per-record step on UTF-8 JSON: read and clean, rejections included. Baseline: <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>
/// of the same bytes, the least a parse-then-map design would pay before any cleaning.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RecordCleanerBenchmarks
{
    private const int SingleRows = 3 * EmulatorRows.Events;
    private const int ArrayValues = 3;

    private (RecordKind Kind, byte[] Json)[] _rows = [];
    private (RecordKind Kind, byte[] Json)[] _arrays = [];

    [GlobalSetup]
    public void Setup()
    {
        var rows = EmulatorRows.Create();
        _rows =
        [
            .. rows.Pins.Select(json => (RecordKind.Pin, json)),
            .. rows.Geos.Select(json => (RecordKind.Geo, json)),
            .. rows.Users.Select(json => (RecordKind.User, json)),
        ];
        _arrays =
        [
            (RecordKind.Pin, EmulatorRows.AsArray(rows.Pins)),
            (RecordKind.Geo, EmulatorRows.AsArray(rows.Geos)),
            (RecordKind.User, EmulatorRows.AsArray(rows.Users)),
        ];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SingleRows)]
    [BenchmarkCategory("SingleRow")]
    public int SingleRow_JsonDocumentParse() => ParseAll(_rows);

    [Benchmark(OperationsPerInvoke = SingleRows)]
    [BenchmarkCategory("SingleRow")]
    public int SingleRow_RecordCleanerClean() => CleanAll(_rows);

    [Benchmark(Baseline = true, OperationsPerInvoke = ArrayValues)]
    [BenchmarkCategory("ArrayValue")]
    public int ArrayValue_JsonDocumentParse() => ParseAll(_arrays);

    [Benchmark(OperationsPerInvoke = ArrayValues)]
    [BenchmarkCategory("ArrayValue")]
    public int ArrayValue_RecordCleanerClean() => CleanAll(_arrays);

    private static int ParseAll((RecordKind Kind, byte[] Json)[] values)
    {
        var elements = 0;
        foreach (var (_, json) in values)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                elements += document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.GetArrayLength() : 1;
            }
            catch (JsonException)
            {
                // The cut-off row: the cleaner pays for the same exception.
            }
        }

        return elements;
    }

    private static int CleanAll((RecordKind Kind, byte[] Json)[] values)
    {
        var rows = 0;
        foreach (var (kind, json) in values)
        {
            var outcome = RecordCleaner.Clean(kind, json);
            rows += outcome.Cleaned.Count + outcome.Rejected.Count;
        }

        return rows;
    }
}

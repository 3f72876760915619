using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Benchmarks.Inputs;

namespace Pinterest.Modular.Benchmarks;

/// <summary>
/// Reading rows into raw records, no cleaning, per row over pins, geos and users. Baseline: <see cref="JsonDocument"/>
/// parse of the same bytes. Also the <see cref="JsonElement"/> overload, which pays the parse and then reads.
/// </summary>
[MemoryDiagnoser]
public class RawRowReaderBenchmarks
{
    private const int Rows = 3 * EmulatorRows.Events;

    private byte[][] _pins = [];
    private byte[][] _geos = [];
    private byte[][] _users = [];

    [GlobalSetup]
    public void Setup()
    {
        // Only JSON objects: this measures reading, not rejection of values that are not rows.
        var rows = EmulatorRows.Create();
        _pins = Objects(rows.Pins);
        _geos = Objects(rows.Geos);
        _users = Objects(rows.Users);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public int JsonDocumentParse() => Parse(_pins) + Parse(_geos) + Parse(_users);

    [Benchmark(OperationsPerInvoke = Rows)]
    public int RawRowReader_Utf8JsonReader()
    {
        var read = 0;
        foreach (var json in _pins)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            read += PinKind.Instance.TryRead(ref reader, out _, out _) ? 1 : 0;
        }

        foreach (var json in _geos)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            read += GeoKind.Instance.TryRead(ref reader, out _, out _) ? 1 : 0;
        }

        foreach (var json in _users)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            read += UserKind.Instance.TryRead(ref reader, out _, out _) ? 1 : 0;
        }

        return read;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public int RawRowReader_JsonElement()
    {
        var read = 0;
        foreach (var json in _pins)
        {
            using var document = JsonDocument.Parse(json);
            read += PinKind.Instance.TryRead(document.RootElement, out _, out _) ? 1 : 0;
        }

        foreach (var json in _geos)
        {
            using var document = JsonDocument.Parse(json);
            read += GeoKind.Instance.TryRead(document.RootElement, out _, out _) ? 1 : 0;
        }

        foreach (var json in _users)
        {
            using var document = JsonDocument.Parse(json);
            read += UserKind.Instance.TryRead(document.RootElement, out _, out _) ? 1 : 0;
        }

        return read;
    }

    private static int Parse(byte[][] rows)
    {
        var properties = 0;
        foreach (var json in rows)
        {
            using var document = JsonDocument.Parse(json);
            properties += document.RootElement.GetPropertyCount();
        }

        return properties;
    }

    /// <summary>The rows that are JSON objects, cycled back to <see cref="EmulatorRows.Events"/> so each set has as many.</summary>
    private static byte[][] Objects(IReadOnlyList<byte[]> rows)
    {
        var objects = rows.Where(IsObject).ToArray();
        return [.. Enumerable.Range(0, EmulatorRows.Events).Select(i => objects[i % objects.Length])];
    }

    private static bool IsObject(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

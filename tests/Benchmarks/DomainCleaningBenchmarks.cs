using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Pinterest.Modular.Benchmarks.Inputs;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Benchmarks;

/// <summary>
/// The cleaning rules on raw records, per row. The baseline of each kind maps the same raw fields straight to the cleaned
/// record with plain parsing and no rules (no placeholders, no k/M, no bounds), so the ratio is what the rules cost.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class DomainCleaningBenchmarks
{
    private const int Rows = EmulatorRows.Events;

    private RawPin[] _pins = [];
    private RawGeo[] _geos = [];
    private RawUser[] _users = [];

    [GlobalSetup]
    public void Setup()
    {
        var raw = RawRecords.From(EmulatorRows.Create());
        // Same number of rows in every method, so OperationsPerInvoke gives a per-row figure.
        _pins = Cycle(raw.Pins);
        _geos = Cycle(raw.Geos);
        _users = Cycle(raw.Users);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    [BenchmarkCategory("Pin")]
    public long Pin_PlainMapping()
    {
        long sum = 0;
        foreach (var raw in _pins)
        {
            _ = long.TryParse(raw.Index, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ind);
            long? followers = long.TryParse(raw.FollowerCount, NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) ? f : null;
            var pin = new Pin(
                ind, raw.UniqueId, raw.Title, raw.Description, followers, raw.PosterName, raw.TagList,
                raw.IsImageOrVideo, raw.ImageSrc, raw.SaveLocation, raw.Category);
            sum += pin.Ind;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    [BenchmarkCategory("Pin")]
    public long PinCleaning_Clean()
    {
        long sum = 0;
        foreach (var raw in _pins)
        {
            sum += PinCleaning.Clean(raw).Row?.Ind ?? 0;
        }

        return sum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    [BenchmarkCategory("Geo")]
    public long Geo_PlainMapping()
    {
        long sum = 0;
        foreach (var raw in _geos)
        {
            _ = long.TryParse(raw.Ind, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ind);
            Coordinates? coordinates =
                double.TryParse(raw.Latitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                && double.TryParse(raw.Longitude, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                    ? new Coordinates(lat, lon)
                    : null;
            DateTime? timestamp = DateTime.TryParse(
                raw.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
                ? t
                : null;
            sum += new GeoLocation(ind, raw.Country, coordinates, timestamp).Ind;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    [BenchmarkCategory("Geo")]
    public long GeoCleaning_Clean()
    {
        long sum = 0;
        foreach (var raw in _geos)
        {
            sum += GeoCleaning.Clean(raw).Row?.Ind ?? 0;
        }

        return sum;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    [BenchmarkCategory("User")]
    public long User_PlainMapping()
    {
        long sum = 0;
        foreach (var raw in _users)
        {
            _ = long.TryParse(raw.Ind, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ind);
            int? age = int.TryParse(raw.Age, NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) ? a : null;
            DateTime? joined = DateTime.TryParse(
                raw.DateJoined, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
                ? t
                : null;
            sum += new User(ind, raw.FirstName + " " + raw.LastName, age, joined).Ind;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    [BenchmarkCategory("User")]
    public long UserCleaning_Clean()
    {
        long sum = 0;
        foreach (var raw in _users)
        {
            sum += UserCleaning.Clean(raw).Row?.Ind ?? 0;
        }

        return sum;
    }

    private static T[] Cycle<T>(T[] rows)
    {
        var result = new T[Rows];
        for (var i = 0; i < Rows; i++)
        {
            result[i] = rows[i % rows.Length];
        }

        return result;
    }
}

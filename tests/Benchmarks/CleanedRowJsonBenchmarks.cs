using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Benchmarks.Inputs;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Benchmarks;

/// <summary>
/// Writing cleaned rows (pins, geos, users) in the wire format, per row. Baseline: a plain <see cref="Utf8JsonWriter"/>
/// writing the same fields with string names and the same options, into the same reused buffer.
/// </summary>
[MemoryDiagnoser]
public class CleanedRowJsonBenchmarks
{
    private const int Rows = 3 * EmulatorRows.Events;

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private object[] _rows = [];

    [GlobalSetup]
    public void Setup()
    {
        var raw = RawRecords.From(EmulatorRows.Create());
        object?[] cleaned =
        [
            .. raw.Pins.Select(pin => PinCleaning.Clean(pin).Row),
            .. raw.Geos.Select(geo => GeoCleaning.Clean(geo).Row),
            .. raw.Users.Select(user => UserCleaning.Clean(user).Row),
        ];
        var rows = cleaned.OfType<object>().ToArray();
        _rows = [.. Enumerable.Range(0, Rows).Select(i => rows[i % rows.Length])];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public int PlainUtf8JsonWriter()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer, CleanedRowJson.WriterOptions);
        foreach (var row in _rows)
        {
            switch (row)
            {
                case Pin pin:
                    WritePlain(writer, pin);
                    break;
                case GeoLocation geo:
                    WritePlain(writer, geo);
                    break;
                case User user:
                    WritePlain(writer, user);
                    break;
            }

            writer.Flush();
            writer.Reset();
        }

        return _buffer.WrittenCount;
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public int CleanedRowJson_Write()
    {
        _buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_buffer, CleanedRowJson.WriterOptions);
        foreach (var row in _rows)
        {
            CleanedRowJson.Write(writer, row);
            writer.Flush();
            writer.Reset();
        }

        return _buffer.WrittenCount;
    }

    /// <summary>One array per row, with its own buffer and writer: what a caller of <see cref="CleanedRowJson.ToUtf8"/> pays.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public int CleanedRowJson_ToUtf8()
    {
        var bytes = 0;
        foreach (var row in _rows)
        {
            bytes += CleanedRowJson.ToUtf8(row).Length;
        }

        return bytes;
    }

    private static void WritePlain(Utf8JsonWriter writer, Pin pin)
    {
        writer.WriteStartObject();
        writer.WriteNumber("ind", pin.Ind);
        writer.WriteString("unique_id", pin.UniqueId);
        writer.WriteString("title", pin.Title);
        writer.WriteString("description", pin.Description);
        if (pin.FollowerCount is { } followers)
        {
            writer.WriteNumber("follower_count", followers);
        }
        else
        {
            writer.WriteNull("follower_count");
        }

        writer.WriteString("poster_name", pin.PosterName);
        writer.WriteString("tag_list", pin.TagList);
        writer.WriteString("is_image_or_video", pin.IsImageOrVideo);
        writer.WriteString("image_src", pin.ImageSrc);
        writer.WriteString("save_location", pin.SaveLocation);
        writer.WriteString("category", pin.Category);
        writer.WriteEndObject();
    }

    private static void WritePlain(Utf8JsonWriter writer, GeoLocation geo)
    {
        writer.WriteStartObject();
        writer.WriteNumber("ind", geo.Ind);
        writer.WriteString("country", geo.Country);
        if (geo.Coordinates is { } coordinates)
        {
            writer.WriteStartArray("coordinates");
            writer.WriteNumberValue(coordinates.Latitude);
            writer.WriteNumberValue(coordinates.Longitude);
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNull("coordinates");
        }

        if (geo.Timestamp is { } timestamp)
        {
            writer.WriteString("timestamp", timestamp);
        }
        else
        {
            writer.WriteNull("timestamp");
        }

        writer.WriteEndObject();
    }

    private static void WritePlain(Utf8JsonWriter writer, User user)
    {
        writer.WriteStartObject();
        writer.WriteNumber("ind", user.Ind);
        writer.WriteString("user_name", user.UserName);
        if (user.Age is { } age)
        {
            writer.WriteNumber("age", age);
        }
        else
        {
            writer.WriteNull("age");
        }

        if (user.DateJoined is { } joined)
        {
            writer.WriteString("date_joined", joined);
        }
        else
        {
            writer.WriteNull("date_joined");
        }

        writer.WriteEndObject();
    }
}

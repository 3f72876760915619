using System.Text.Json;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Benchmarks.Inputs;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Benchmarks;

/// <summary>The emulator rows read into raw records (outside any measurement); a row that cannot be read is left out.</summary>
public sealed class RawRecords
{
    private RawRecords(RawPin[] pins, RawGeo[] geos, RawUser[] users)
    {
        Pins = pins;
        Geos = geos;
        Users = users;
    }

    public RawPin[] Pins { get; }

    public RawGeo[] Geos { get; }

    public RawUser[] Users { get; }

    public static RawRecords From(EmulatorRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var pins = new List<RawPin>();
        var geos = new List<RawGeo>();
        var users = new List<RawUser>();
        foreach (var row in rows.Pins)
        {
            var reader = Start(row);
            if (IsObject(reader) && PinKind.Instance.TryRead(ref reader, out var pin, out _))
            {
                pins.Add(pin);
            }
        }

        foreach (var row in rows.Geos)
        {
            var reader = Start(row);
            if (IsObject(reader) && GeoKind.Instance.TryRead(ref reader, out var geo, out _))
            {
                geos.Add(geo);
            }
        }

        foreach (var row in rows.Users)
        {
            var reader = Start(row);
            if (IsObject(reader) && UserKind.Instance.TryRead(ref reader, out var user, out _))
            {
                users.Add(user);
            }
        }

        return new RawRecords([.. pins], [.. geos], [.. users]);
    }

    private static Utf8JsonReader Start(byte[] row)
    {
        // Complete rows only: the cut-off one would throw mid-read.
        var reader = new Utf8JsonReader(row, isFinalBlock: true, state: default);
        var probe = reader;
        try
        {
            probe.Read();
            probe.Skip();
        }
        catch (JsonException)
        {
            return new Utf8JsonReader("null"u8);
        }

        reader.Read();
        return reader;
    }

    private static bool IsObject(Utf8JsonReader reader) => reader.TokenType == JsonTokenType.StartObject;
}

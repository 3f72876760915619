using System.Text.Json;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Geo;
using static Pinterest.Modular.Application.Cleaning.CleanedRowJson;

namespace Pinterest.Modular.Application.Kinds;

/// <summary>
/// Geolocations: <c>geolocation_data</c> → <see cref="GeoCleaning"/> → table <c>geo</c> (coordinates in two columns,
/// both null or both set), <c>/api/geo/{ind}</c>.
/// </summary>
public sealed class GeoKind : RecordKindDescription<RawGeo, GeoLocation>
{
    private static readonly JsonEncodedText[] Names = Encode(GeoLocation.Columns);

    private GeoKind()
        : base(
            RecordKind.Geo,
            new SourceTableShape(
                "geolocation_data",
                [
                    new("ind", SourceColumnType.Integral),
                    new("timestamp", SourceColumnType.Timestamp),
                    new("latitude", SourceColumnType.Real),
                    new("longitude", SourceColumnType.Real),
                    new("country", SourceColumnType.Text),
                ]),
            new WarehouseTableShape(
                "geo",
                [
                    new("ind", WarehouseColumnType.BigInteger),
                    new("country", WarehouseColumnType.Text),
                    new("latitude", WarehouseColumnType.Real),
                    new("longitude", WarehouseColumnType.Real),
                    new("timestamp", WarehouseColumnType.Timestamp),
                ]),
            rowPath: "geo",
            rowNoun: "geo row")
    {
    }

    public static GeoKind Instance { get; } = new();

    public override IReadOnlyList<string> CleanedColumns => GeoLocation.Columns;

    protected override RawGeo ToRaw(string?[] fields) => new(fields[0], fields[1], fields[2], fields[3], fields[4]);

    protected override CleanResult<GeoLocation> Clean(RawGeo raw) => GeoCleaning.Clean(raw);

    protected override long Key(GeoLocation row) => row.Ind;

    protected override void WriteRow(Utf8JsonWriter writer, GeoLocation row)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Names[0], row.Ind);
        WriteText(writer, Names[1], row.Country);
        if (row.Coordinates is { } coordinates)
        {
            writer.WriteStartArray(Names[2]);
            writer.WriteNumberValue(coordinates.Latitude);
            writer.WriteNumberValue(coordinates.Longitude);
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNull(Names[2]);
        }

        WriteTimestamp(writer, Names[3], row.Timestamp);
        writer.WriteEndObject();
    }

    protected override void FillRow(object?[] values, GeoLocation row)
    {
        values[0] = row.Ind;
        values[1] = row.Country;
        values[2] = row.Coordinates?.Latitude;
        values[3] = row.Coordinates?.Longitude;
        values[4] = row.Timestamp;
    }

    protected override GeoLocation ReadRow(IReadOnlyList<object?> values) => new(
        (long)values[0]!,
        (string?)values[1],
        values[2] is double latitude && values[3] is double longitude ? new Coordinates(latitude, longitude) : null,
        (DateTime?)values[4]);
}

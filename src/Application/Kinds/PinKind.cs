using System.Text.Json;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Domain.Pins;
using static Pinterest.Modular.Application.Cleaning.CleanedRowJson;

namespace Pinterest.Modular.Application.Kinds;

/// <summary>Pins: <c>pinterest_data</c> → <see cref="PinCleaning"/> → table <c>pins</c>, <c>/api/pins/{ind}</c>.</summary>
public sealed class PinKind : RecordKindDescription<RawPin, Pin>
{
    private static readonly JsonEncodedText[] Names = Encode(Pin.Columns);

    private PinKind()
        : base(
            RecordKind.Pin,
            new SourceTableShape(
                "pinterest_data",
                [
                    new("index", SourceColumnType.Integral),
                    new("unique_id", SourceColumnType.Text),
                    new("title", SourceColumnType.Text),
                    new("description", SourceColumnType.Text),
                    new("poster_name", SourceColumnType.Text),
                    new("follower_count", SourceColumnType.Text),
                    new("tag_list", SourceColumnType.Text),
                    new("is_image_or_video", SourceColumnType.Text),
                    new("image_src", SourceColumnType.Text),
                    new("downloaded", SourceColumnType.Integral),
                    new("save_location", SourceColumnType.Text),
                    new("category", SourceColumnType.Text),
                ]),
            new WarehouseTableShape(
                "pins",
                [
                    new("ind", WarehouseColumnType.BigInteger),
                    new("unique_id", WarehouseColumnType.Text),
                    new("title", WarehouseColumnType.Text),
                    new("description", WarehouseColumnType.Text),
                    new("follower_count", WarehouseColumnType.BigInteger),
                    new("poster_name", WarehouseColumnType.Text),
                    new("tag_list", WarehouseColumnType.Text),
                    new("is_image_or_video", WarehouseColumnType.Text),
                    new("image_src", WarehouseColumnType.Text),
                    new("save_location", WarehouseColumnType.Text),
                    new("category", WarehouseColumnType.Text),
                ]),
            rowPath: "pins",
            rowNoun: "pin")
    {
    }

    public static PinKind Instance { get; } = new();

    public override IReadOnlyList<string> CleanedColumns => Pin.Columns;

    protected override RawPin ToRaw(string?[] fields) =>
        new(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], fields[8], fields[9], fields[10], fields[11]);

    protected override CleanResult<Pin> Clean(RawPin raw) => PinCleaning.Clean(raw);

    protected override long Key(Pin row) => row.Ind;

    protected override void WriteRow(Utf8JsonWriter writer, Pin row)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Names[0], row.Ind);
        WriteText(writer, Names[1], row.UniqueId);
        WriteText(writer, Names[2], row.Title);
        WriteText(writer, Names[3], row.Description);
        WriteNumber(writer, Names[4], row.FollowerCount);
        WriteText(writer, Names[5], row.PosterName);
        WriteText(writer, Names[6], row.TagList);
        WriteText(writer, Names[7], row.IsImageOrVideo);
        WriteText(writer, Names[8], row.ImageSrc);
        WriteText(writer, Names[9], row.SaveLocation);
        WriteText(writer, Names[10], row.Category);
        writer.WriteEndObject();
    }

    protected override void FillRow(object?[] values, Pin row)
    {
        values[0] = row.Ind;
        values[1] = row.UniqueId;
        values[2] = row.Title;
        values[3] = row.Description;
        values[4] = row.FollowerCount;
        values[5] = row.PosterName;
        values[6] = row.TagList;
        values[7] = row.IsImageOrVideo;
        values[8] = row.ImageSrc;
        values[9] = row.SaveLocation;
        values[10] = row.Category;
    }

    protected override Pin ReadRow(IReadOnlyList<object?> values) => new(
        (long)values[0]!, (string?)values[1], (string?)values[2], (string?)values[3], (long?)values[4], (string?)values[5],
        (string?)values[6], (string?)values[7], (string?)values[8], (string?)values[9], (string?)values[10]);
}

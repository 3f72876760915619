using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>The three source tables exactly as spec §1 lists them; the one place their columns are named.</summary>
public static class SourceTables
{
    /// <summary>How datetimes are stored and sent: <c>2020-08-28 03:52:47</c>, UTC.</summary>
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static SourceTable Pin { get; } = new(
        RecordKind.Pin,
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
        ]);

    public static SourceTable Geo { get; } = new(
        RecordKind.Geo,
        "geolocation_data",
        [
            new("ind", SourceColumnType.Integral),
            new("timestamp", SourceColumnType.Timestamp),
            new("latitude", SourceColumnType.Real),
            new("longitude", SourceColumnType.Real),
            new("country", SourceColumnType.Text),
        ]);

    public static SourceTable User { get; } = new(
        RecordKind.User,
        "user_data",
        [
            new("ind", SourceColumnType.Integral),
            new("first_name", SourceColumnType.Text),
            new("last_name", SourceColumnType.Text),
            new("age", SourceColumnType.Integral),
            new("date_joined", SourceColumnType.Timestamp),
        ]);

    public static IReadOnlyList<SourceTable> All { get; } = [Pin, Geo, User];

    public static SourceTable For(RecordKind kind) => kind switch
    {
        RecordKind.Pin => Pin,
        RecordKind.Geo => Geo,
        RecordKind.User => User,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown record kind."),
    };
}

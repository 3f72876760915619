namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>Table and column names used by the plain-SQL writes; they match the EF model (a test checks both).</summary>
internal static class WarehouseTables
{
    public const string Pins = "pins";
    public const string Geo = "geo";
    public const string Users = "users";
    public const string RejectedRecords = "rejected_records";
    public const string ProgressMarks = "progress_marks";
    public const string Changes = "warehouse_changes";
    public const string ChangedKeys = "warehouse_change_keys";

    /// <summary>The tables the analytics read, in the order their change counters are bumped (one order, no deadlock).</summary>
    public static IReadOnlyList<string> Analysed { get; } = [Pins, Geo, Users];

    public static IReadOnlyList<string> PinColumns { get; } =
    [
        "ind", "unique_id", "title", "description", "follower_count", "poster_name",
        "tag_list", "is_image_or_video", "image_src", "save_location", "category",
    ];

    public static IReadOnlyList<string> GeoColumns { get; } = ["ind", "country", "latitude", "longitude", "timestamp"];

    public static IReadOnlyList<string> UserColumns { get; } = ["ind", "user_name", "age", "date_joined"];

    public static IReadOnlyList<string> RejectedColumns { get; } = ["kind", "source", "reason", "raw_json", "rejected_at"];

    public static IReadOnlyList<string> MarkColumns { get; } = ["scope", "key", "value", "updated_at"];

    public static IReadOnlyList<string> Ind { get; } = ["ind"];

    public static IReadOnlyList<string> Source { get; } = ["source"];

    public static IReadOnlyList<string> MarkKey { get; } = ["scope", "key"];
}

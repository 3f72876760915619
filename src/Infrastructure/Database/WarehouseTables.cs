using Pinterest.Modular.Application.Kinds;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// Names of the pipeline's own tables used by the plain-SQL writes; they match the EF model. The kinds' tables are
/// named by their descriptions (<see cref="KindTable"/>).
/// </summary>
internal static class WarehouseTables
{
    public const string RejectedRecords = "rejected_records";
    public const string ProgressMarks = "progress_marks";
    public const string Changes = "warehouse_changes";
    public const string ChangedKeys = "warehouse_change_keys";

    /// <summary>
    /// The tables the nine analytics read (pins, geo, users), in the order their change counters are bumped (one order,
    /// no deadlock).
    /// </summary>
    public static IReadOnlyList<string> Analysed { get; } = [.. BuiltInKinds.All.Select(kind => kind.Warehouse.Name)];

    public static IReadOnlyList<string> RejectedColumns { get; } = ["kind", "source", "reason", "raw_json", "rejected_at"];

    public static IReadOnlyList<string> MarkColumns { get; } = ["scope", "key", "value", "updated_at"];

    public static IReadOnlyList<string> Source { get; } = ["source"];

    public static IReadOnlyList<string> MarkKey { get; } = ["scope", "key"];
}

using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>
/// The three source tables of spec §1 (a posting event's pin, geo and user), as their kinds' descriptions name them.
/// </summary>
public static class SourceTables
{
    /// <summary>How datetimes are stored and sent: <c>2020-08-28 03:52:47</c>, UTC.</summary>
    public const string DateTimeFormat = "yyyy-MM-dd HH:mm:ss";

    public static SourceTable Pin { get; } = From(PinKind.Instance);

    public static SourceTable Geo { get; } = From(GeoKind.Instance);

    public static SourceTable User { get; } = From(UserKind.Instance);

    public static IReadOnlyList<SourceTable> All { get; } = [Pin, Geo, User];

    public static SourceTable For(RecordKind kind) =>
        All.FirstOrDefault(table => table.Kind == kind)
        ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "The source database holds pin, geo and user tables only.");

    private static SourceTable From(RecordKindDescription kind) =>
        new(kind.Kind, kind.Source.Name, [.. kind.Source.Columns.Select(column => new SourceColumn(column.Name, column.Type))]);
}

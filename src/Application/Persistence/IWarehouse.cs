using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Persistence;

/// <summary>Counts of what one persist call changed.</summary>
public sealed record PersistOutcome(int RowsUpserted, int RejectedStored);

/// <summary>Rows per kind's table (every registered kind), and rejected records.</summary>
public sealed record TableCounts(IReadOnlyDictionary<RecordKind, long> Rows, long Rejected)
{
    /// <summary>The counts of a warehouse of the built-in kinds.</summary>
    public TableCounts(long pins, long geo, long users, long rejected)
        : this(new Dictionary<RecordKind, long> { [RecordKind.Pin] = pins, [RecordKind.Geo] = geo, [RecordKind.User] = users }, rejected)
    {
    }

    public long Pins => Of(RecordKind.Pin);

    public long Geo => Of(RecordKind.Geo);

    public long Users => Of(RecordKind.User);

    public long Of(RecordKind kind) => Rows.TryGetValue(kind, out var count) ? count : 0;

    /// <summary>Equal counts: the same rejected count and the same count for every kind.</summary>
    public bool Equals(TableCounts? other) =>
        other is not null
        && Rejected == other.Rejected
        && Rows.Count == other.Rows.Count
        && Rows.All(row => other.Rows.TryGetValue(row.Key, out var count) && count == row.Value);

    public override int GetHashCode() => HashCode.Combine(Rejected, Rows.Count, Pins);

    public override string ToString() =>
        $"{string.Join(", ", Rows.Select(row => $"{row.Key}: {row.Value}"))}, rejected: {Rejected}";
}

/// <summary>One page of rejected records, newest first.</summary>
public sealed record RejectedPage(IReadOnlyList<RejectedRecord> Items, long Total);

/// <summary>
/// The warehouse: one table per registered record kind (<c>pins</c>, <c>geo</c>, <c>users</c>) keyed by <c>ind</c>, the
/// rejected store and progress marks.
/// </summary>
public interface IWarehouse
{
    /// <summary>Creates or migrates the schema.</summary>
    Task EnsureCreatedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Upserts the rows on <c>ind</c>, stores rejections once per source, and saves the marks, all in one transaction:
    /// a batch is stored whole or not at all.
    /// </summary>
    Task<PersistOutcome> PersistAsync(CleanedBatch batch, IReadOnlyList<ProgressMark> marks, CancellationToken cancellationToken);

    /// <summary>The marks of one scope, by key.</summary>
    Task<IReadOnlyDictionary<string, string>> GetMarksAsync(string scope, CancellationToken cancellationToken);

    Task<TableCounts> CountAsync(CancellationToken cancellationToken);

    /// <summary>The cleaned row of <paramref name="kind"/> with key <paramref name="ind"/> (of the kind's row type), or null.</summary>
    Task<object?> FindAsync(RecordKindDescription kind, long ind, CancellationToken cancellationToken);

    Task<RejectedPage> GetRejectedAsync(int skip, int take, RecordKind? kind, CancellationToken cancellationToken);
}

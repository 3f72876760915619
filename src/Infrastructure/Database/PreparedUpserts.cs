using System.Data.Common;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// The portable statements (<see cref="PortableSql"/>) for the pipeline's own tables the batch writes (a kind's table has
/// its upsert in <see cref="KindTable"/>), and the loop that runs one
/// of them prepared once for a list of items. Both engines accept them; SQLite writes whole batches this way, the
/// others at least the few progress marks.
/// </summary>
internal static class PreparedUpserts
{
    public static readonly string Rejected =
        PortableSql.InsertOnce(WarehouseTables.RejectedRecords, WarehouseTables.RejectedColumns, WarehouseTables.Source);

    public static readonly string Mark =
        PortableSql.Upsert(WarehouseTables.ProgressMarks, WarehouseTables.MarkColumns, WarehouseTables.MarkKey);

    public static Task<int> WriteMarksAsync(
        DbConnection connection,
        DbTransaction transaction,
        IReadOnlyList<ProgressMark> marks,
        DateTime updatedAt,
        CancellationToken cancellationToken) =>
        WriteAllAsync(
            connection,
            transaction,
            Mark,
            WarehouseTables.MarkColumns,
            marks,
            (values, mark) => RowMapping.Fill(values, mark, updatedAt),
            cancellationToken);

    /// <returns>The rows the statements changed (an ignored duplicate counts 0).</returns>
    public static async Task<int> WriteAllAsync<T>(
        DbConnection connection,
        DbTransaction transaction,
        string sql,
        IReadOnlyList<string> columns,
        IReadOnlyList<T> items,
        Action<object?[], T> fill,
        CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return 0;
        }

        await using var statement = new PreparedStatement(connection, transaction, sql, columns);
        var values = new object?[columns.Count];
        var changed = 0;
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            fill(values, item);
            changed += await statement.ExecuteAsync(values, cancellationToken);
        }

        return changed;
    }
}

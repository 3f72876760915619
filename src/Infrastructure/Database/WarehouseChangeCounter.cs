using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// The change counter in table <c>warehouse_changes</c>: one row per analysed table, bumped by the persist transaction
/// that upserts into it (so it commits, or not, with the rows), read as the sum of the three (each only goes up). The
/// table's fourth row, <see cref="ChangedKeys.Counter"/>, numbers the persists for <see cref="ChangedKeys"/>.
/// </summary>
public sealed class WarehouseChangeCounter(IDbContextFactory<WarehouseDbContext> contexts) : IWarehouseChanges
{
    public async Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WarehouseChanges
            .Where(change => change.TableName != ChangedKeys.Counter)
            .SumAsync(change => change.Version, cancellationToken);
    }

    /// <summary>
    /// Bumps the counters of the tables the batch writes into, inside the caller's transaction, as its last statement:
    /// the rows stay locked only until the commit, and always in the same order (pins, geo, users, then
    /// <see cref="ChangedKeys.Counter"/>), so two writers never wait on each other crosswise. Also lists what changed
    /// (<see cref="ChangedKeys"/>).
    /// </summary>
    internal static async Task BumpAsync(DbConnection connection, DbTransaction transaction, CleanedBatch batch, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder();
        foreach (var table in WarehouseTables.Analysed)
        {
            if (batch.Rows.Any(rows => rows.Rows.Count > 0 && rows.Kind.Warehouse.Name == table))
            {
                sql.Append($"UPDATE {WarehouseTables.Changes} SET version = version + 1 WHERE table_name = '{table}';");
            }
        }

        if (sql.Length == 0)
        {
            return;
        }

        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await ChangedKeys.RecordAsync(connection, transaction, batch, cancellationToken);
    }
}

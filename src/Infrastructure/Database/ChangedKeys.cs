using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// What changed in the analysed tables, persist by persist, for readers that keep the analytics up to date
/// (<see cref="Analytics.MaintainedAnalytics"/>): every persist that stores pins, geo or users takes the next number of
/// counter <see cref="Counter"/> (a row of <c>warehouse_changes</c>, locked until the commit, so numbers follow commit
/// order and have no gaps) and lists its posting events in <c>warehouse_change_keys</c> under that number, or, when it
/// stored more than <see cref="MostKeysListed"/> events (the batch job), one row without an <c>ind</c> that says
/// "read everything again". Old numbers are trimmed: a reader further behind reads everything again too.
/// </summary>
public static class ChangedKeys
{
    /// <summary>The counter's row in <c>warehouse_changes</c>; not one of the analysed tables' counters.</summary>
    public const string Counter = "change_keys";

    /// <summary>A persist of more posting events than this is recorded as "everything changed".</summary>
    public const int MostKeysListed = 1_000;

    /// <summary>Every this many persists, the numbers older than <see cref="Kept"/> are deleted.</summary>
    private const int TrimEvery = 1_024;

    private const int Kept = 16_384;

    private static readonly string ChangedSince =
        $"SELECT ind FROM {WarehouseTables.ChangedKeys} WHERE version > @from AND version <= @to";

    /// <summary>A filter for the analysed tables' reads: rows of the events changed after <c>@from</c> up to <c>@to</c>.</summary>
    internal static string RowsChangedFilter { get; } = $" WHERE ind IN ({ChangedSince})";

    /// <summary>
    /// Takes the persist's number and lists its posting events, inside the caller's transaction, after the analysed
    /// tables' counters (one lock order for every writer).
    /// </summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Numbers and constants only.")]
    internal static async Task RecordAsync(DbConnection connection, DbTransaction transaction, CleanedBatch batch, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"UPDATE {WarehouseTables.Changes} SET version = version + 1 WHERE table_name = '{Counter}'";
        await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = $"SELECT version FROM {WarehouseTables.Changes} WHERE table_name = '{Counter}'";
        var version = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        var inds = new HashSet<long>();
        foreach (var rows in batch.Rows.Where(rows => WarehouseTables.Analysed.Contains(rows.Kind.Warehouse.Name, StringComparer.Ordinal)))
        {
            inds.UnionWith(rows.Rows.Select(rows.Kind.KeyOf));
        }

        var sql = new StringBuilder($"INSERT INTO {WarehouseTables.ChangedKeys} (version, ind) VALUES ");
        if (inds.Count > MostKeysListed)
        {
            sql.Append(CultureInfo.InvariantCulture, $"({version}, NULL)");
        }
        else
        {
            sql.AppendJoin(", ", inds.Select(ind => string.Create(CultureInfo.InvariantCulture, $"({version}, {ind})")));
        }

        sql.Append(';');
        if (version % TrimEvery == 0)
        {
            sql.Append(CultureInfo.InvariantCulture, $" DELETE FROM {WarehouseTables.ChangedKeys} WHERE version <= {version - Kept};");
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The number of the last persist committed (0 before the first).</summary>
    internal static async Task<long> ReadHeadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT version FROM {WarehouseTables.Changes} WHERE table_name = '{Counter}'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The posting events stored by the persists after <paramref name="from"/> up to <paramref name="to"/>, or null
    /// when they are not all listed (a large persist, numbers trimmed) or more than <paramref name="most"/>.
    /// </summary>
    internal static async Task<IReadOnlyList<long>?> ReadSinceAsync(DbConnection connection, long from, long to, int most, CancellationToken cancellationToken)
    {
        await using (var summary = Command(connection, $"SELECT MIN(version), COUNT(*), COUNT(ind) FROM {WarehouseTables.ChangedKeys} WHERE version > @from AND version <= @to", from, to))
        await using (var reader = await summary.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            var listedFromTheFirst = !reader.IsDBNull(0) && Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture) == from + 1;
            var rows = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
            var keys = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
            if (!listedFromTheFirst || rows != keys || rows > most)
            {
                return null;
            }
        }

        var inds = new List<long>();
        await using var changed = Command(connection, $"SELECT DISTINCT ind FROM ({ChangedSince}) changed", from, to);
        await using var rowsRead = await changed.ExecuteReaderAsync(cancellationToken);
        while (await rowsRead.ReadAsync(cancellationToken))
        {
            inds.Add(rowsRead.GetInt64(0));
        }

        return inds;
    }

    /// <summary>A command with <c>@from</c> and <c>@to</c> bound, for <see cref="RowsChangedFilter"/> and the reads here.</summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Constant statements; values are parameters.")]
    internal static DbCommand Command(DbConnection connection, string sql, long from, long to)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Bind(command, "@from", from);
        Bind(command, "@to", to);
        return command;
    }

    private static void Bind(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

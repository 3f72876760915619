using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// Sets the SQLite pragmas on every opened connection: WAL so readers never block the writer, NORMAL sync (durable
/// at checkpoints, safe with WAL), a busy timeout because the batch job and the stream worker write concurrently,
/// and foreign keys off (the three tables share <c>ind</c> but arrive in any order).
/// </summary>
internal sealed class SqlitePragmasOnOpen(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    private readonly string pragmas = string.Create(
        CultureInfo.InvariantCulture,
        $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={(long)busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=OFF;");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = CreateCommand(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand CreateCommand(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = pragmas;
        return command;
    }
}

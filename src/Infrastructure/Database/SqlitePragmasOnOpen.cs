using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>Runs <see cref="SqlitePragmas"/> on every connection the warehouse opens.</summary>
internal sealed class SqlitePragmasOnOpen(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    private readonly string pragmas = SqlitePragmas.For(busyTimeout);

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

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the context without the host, for the engine named after <c>--</c>
/// (<c>-- --provider Postgres</c>; SQLite without one). It never connects: scaffolding a migration only compares the
/// model with the engine's snapshot.
/// </summary>
public sealed class WarehouseDesignTimeFactory : IDesignTimeDbContextFactory<WarehouseDbContext>
{
    private const string PlaceholderServer = "Host=localhost;Database=pinterest_design";

    public WarehouseDbContext CreateDbContext(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var at = Array.IndexOf(args, "--provider");
        var name = at >= 0 && at + 1 < args.Length ? args[at + 1] : DatabaseProvider.Sqlite;
        var engine = DatabaseProvider.Find(name) ?? throw new ArgumentException(DatabaseProvider.UnsupportedMessage(name), nameof(args));
        var connectionString = engine.DefaultWarehouseConnectionString(Path.GetTempPath());
        var builder = new DbContextOptionsBuilder<WarehouseDbContext>();
        engine.ConfigureWithoutServer(builder, connectionString.Length > 0 ? connectionString : PlaceholderServer);
        return new WarehouseDbContext(builder.Options);
    }
}

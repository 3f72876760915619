using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;

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
        var provider = new DatabaseProvider(Options.Create(new DatabaseOptions
        {
            Provider = engine.Name,
            ConnectionString = connectionString.Length > 0 ? connectionString : PlaceholderServer,
        }));
        var builder = new DbContextOptionsBuilder<WarehouseDbContext>();
        provider.Configure(builder);
        return new WarehouseDbContext(builder.Options);
    }
}

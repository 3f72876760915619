using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the context without the host. It never connects: scaffolding a
/// migration only compares the model with the snapshot.
/// </summary>
public sealed class WarehouseDesignTimeFactory : IDesignTimeDbContextFactory<WarehouseDbContext>
{
    public WarehouseDbContext CreateDbContext(string[] args)
    {
        var provider = new DatabaseProvider(Options.Create(new DatabaseOptions
        {
            ConnectionString = DatabaseOptions.DefaultConnectionString(Path.GetTempPath()),
        }));
        var builder = new DbContextOptionsBuilder<WarehouseDbContext>();
        provider.Configure(builder);
        return new WarehouseDbContext(builder.Options);
    }
}

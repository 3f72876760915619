using Microsoft.Extensions.Configuration;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// Configuration section <c>Database</c> plus the connection string <c>ConnectionStrings:Warehouse</c>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Warehouse";

    /// <summary><c>Database:Provider</c>: which engine holds the warehouse (see <see cref="DatabaseProvider.Supported"/>).</summary>
    public string Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// <c>ConnectionStrings:Warehouse</c>; when empty, the SQLite file <c>&lt;Pipeline:DataDir&gt;/warehouse.db</c>.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Reads the two keys by hand, so Infrastructure needs no configuration binder package.</summary>
    public void ReadFrom(IConfiguration configuration, string dataDir)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration[$"{Section}:{nameof(Provider)}"];
        if (!string.IsNullOrWhiteSpace(provider))
        {
            Provider = provider.Trim();
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        ConnectionString = string.IsNullOrWhiteSpace(connectionString)
            ? DefaultConnectionString(dataDir)
            : connectionString;
    }

    public static string DefaultConnectionString(string dataDir) =>
        $"Data Source={Path.Combine(dataDir, "warehouse.db")}";
}

using Microsoft.Extensions.Configuration;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// Configuration section <c>Database</c> plus the connection strings <c>ConnectionStrings:Warehouse</c> and
/// <c>ConnectionStrings:Source</c>.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "Warehouse";
    public const string SourceConnectionStringName = "Source";

    /// <summary><c>Database:Provider</c>: which engine holds the warehouse (see <see cref="DatabaseProvider.Supported"/>).</summary>
    public string Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// <c>ConnectionStrings:Warehouse</c>; when empty on SQLite, the file <c>&lt;Pipeline:DataDir&gt;/warehouse.db</c>.
    /// PostgreSQL has no default.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// <c>ConnectionStrings:Source</c>, the emulator's source tables; when empty, <c>&lt;Pipeline:DataDir&gt;/source.db</c>
    /// on SQLite and the warehouse's database on PostgreSQL.
    /// </summary>
    public string SourceConnectionString { get; set; } = "";

    /// <summary><c>Database:Migrate</c>: apply migrations at start. Unset: the engine's default (SQLite yes, PostgreSQL no).</summary>
    public bool? Migrate { get; set; }

    /// <summary>The text of <c>Database:Migrate</c> when it is neither true nor false (a validation failure).</summary>
    public string? InvalidMigrate { get; private set; }

    /// <summary>Reads the keys by hand, so Infrastructure needs no configuration binder package.</summary>
    public void ReadFrom(IConfiguration configuration, string dataDir)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration[$"{Section}:{nameof(Provider)}"];
        if (!string.IsNullOrWhiteSpace(provider))
        {
            Provider = provider.Trim();
        }

        var engine = DatabaseProvider.Find(Provider);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        ConnectionString = string.IsNullOrWhiteSpace(connectionString)
            ? engine?.DefaultWarehouseConnectionString(dataDir) ?? ""
            : connectionString;

        var sourceConnectionString = configuration.GetConnectionString(SourceConnectionStringName);
        SourceConnectionString = string.IsNullOrWhiteSpace(sourceConnectionString)
            ? engine?.DefaultSourceConnectionString(dataDir, ConnectionString) ?? ""
            : sourceConnectionString;

        var migrate = configuration[$"{Section}:{nameof(Migrate)}"];
        if (!string.IsNullOrWhiteSpace(migrate))
        {
            if (bool.TryParse(migrate.Trim(), out var value))
            {
                Migrate = value;
            }
            else
            {
                InvalidMigrate = migrate;
            }
        }
    }

    public static string DefaultConnectionString(string dataDir) =>
        $"Data Source={Path.Combine(dataDir, "warehouse.db")}";
}

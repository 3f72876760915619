namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>The CLI with <c>Database__Provider=MySql</c> against the collection's MariaDB container.</summary>
[Collection(MariaDbGroup.Name)]
public sealed class MySqlCliTests(MariaDbServer server) : ServerCliContract
{
    private protected override string Provider => "MySql";

    private protected override string MigrationIdsSql => "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY 1";

    private protected override string UnreachableSays => "Unable to connect";

    private protected override IServerDatabase MissingDatabase() => MySqlDatabase.Named(server);

    private protected override async Task<IServerDatabase> CreateDatabaseAsync() => await MySqlDatabase.CreateAsync(server);
}

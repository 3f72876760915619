namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>The persist contract on MariaDB: MySqlBulkCopy into a staging table, one upsert per slice.</summary>
[Collection(MariaDbGroup.Name)]
public sealed class MySqlWarehousePersistTests(MariaDbServer server) : WarehousePersistContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await MySqlWarehouse.CreateAsync(server);
}

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>Leases on MariaDB: an insert, or a conditional update when the row exists.</summary>
[Collection(MariaDbGroup.Name)]
public sealed class MySqlLeaseStoreTests(MariaDbServer server) : LeaseStoreContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await MySqlWarehouse.CreateAsync(server);
}

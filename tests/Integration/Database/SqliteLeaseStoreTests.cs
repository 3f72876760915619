namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>Leases on SQLite: every rule is one compare-and-set in SQL.</summary>
public sealed class SqliteLeaseStoreTests : LeaseStoreContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await SqliteFileWarehouse.CreateAsync();
}

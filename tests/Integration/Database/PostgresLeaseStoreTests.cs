namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>Leases on PostgreSQL: one conditional upsert, the same statement as on SQLite.</summary>
public sealed class PostgresLeaseStoreTests : LeaseStoreContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await PostgresWarehouse.CreateAsync();
}

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>The persist contract on PostgreSQL: binary COPY into a staging table, one upsert per slice.</summary>
public sealed class PostgresWarehousePersistTests : WarehousePersistContract
{
    private protected override async Task<ServerWarehouse> CreateWarehouseAsync() => await PostgresWarehouse.CreateAsync();
}

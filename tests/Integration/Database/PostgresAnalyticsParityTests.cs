namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>SQLite and PostgreSQL (an English ICU collation, sessions 14 hours ahead of UTC) answer alike.</summary>
public sealed class PostgresAnalyticsParityTests(AnalyticsParityContract.BothWarehouses both)
    : AnalyticsParityContract(both), IClassFixture<AnalyticsParityContract.BothWarehouses>
{
    private protected override async Task<ServerWarehouse> CreateHostileWarehouseAsync() => await PostgresWarehouse.CreateHostileAsync();
}

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>SQLite and MariaDB (a database whose default collation is utf8mb4_general_ci) answer alike.</summary>
[Collection(MariaDbGroup.Name)]
public sealed class MySqlAnalyticsParityTests(AnalyticsParityContract.BothWarehouses both, MariaDbServer server)
    : AnalyticsParityContract(both), IClassFixture<AnalyticsParityContract.BothWarehouses>
{
    private protected override async Task<ServerWarehouse> CreateHostileWarehouseAsync() => await MySqlWarehouse.CreateHostileAsync(server);
}

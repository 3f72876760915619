using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>The warehouse answers a primary-key lookup on <c>pins</c>: cheap, yet it needs the file (or server) and the schema.</summary>
public sealed class WarehouseHealthCheck(IWarehouse warehouse) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await warehouse.FindAsync(PinKind.Instance, -1, cancellationToken);
            return HealthCheckResult.Healthy("The warehouse answers.");
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException or TimeoutException)
        {
            // The provider's message says what is wrong (not a database, locked, unreachable) without secrets.
            return HealthCheckResult.Unhealthy($"The warehouse does not answer: {ex.Message}", ex);
        }
    }
}

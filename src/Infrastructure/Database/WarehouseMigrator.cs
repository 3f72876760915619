using Microsoft.Extensions.Hosting;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>Brings the warehouse schema up to date when the host starts, before the workers that write to it.</summary>
public sealed class WarehouseMigrator(IWarehouse warehouse) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => warehouse.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

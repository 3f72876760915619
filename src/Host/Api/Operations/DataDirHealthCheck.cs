using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>
/// The data directory (logs, landing zone, SQLite files) takes a new file: a probe created and deleted at once. The
/// directory is created when missing, as its users would on their first write. Only run when this configuration keeps
/// state there (<see cref="DataDirUse"/>).
/// </summary>
public sealed class DataDirHealthCheck(IOptions<PipelineOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(options.Value.DataDir, $".ready-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(options.Value.DataDir);
            await using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }

            return HealthCheckResult.Healthy("The data directory is writable.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The exception's message holds the full path; the response says only what kind of failure it was.
            return HealthCheckResult.Unhealthy($"The data directory is not writable ({ex.GetType().Name}).", ex);
        }
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>The data directory (logs, landing zone, SQLite files) takes a new file: a probe created and deleted at once.</summary>
public sealed class DataDirHealthCheck(IOptions<PipelineOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(options.Value.DataDir, $".ready-{Guid.NewGuid():N}");
        try
        {
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

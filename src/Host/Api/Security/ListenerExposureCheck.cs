using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Host.Api.Security;

/// <summary>
/// Says at start how the API is protected, and warns loudly when it listens beyond loopback with no API key: then
/// anyone who reaches the port can post records, read the warehouse and start batch runs.
/// </summary>
public sealed class ListenerExposureCheck(IServer server, ApiKeySet keys, IOptions<ApiOptions> options, ILogger<ListenerExposureCheck> logger)
{
    public void LogOnce()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
        var rate = options.Value.RateLimit;
        var limit = rate.Enabled ? $"{rate.PermitsPerSecond}/s (burst {rate.Burst}) per caller" : "off";
        if (keys.IsEmpty && exposed.Count > 0)
        {
            logger.LogWarning(
                """

                ******************************************************************************************
                *  THE API IS OPEN: it listens beyond loopback ({Addresses}) and Api:Keys is empty.
                *  Anyone who can reach it can post records, read the warehouse and start batch runs.
                *  Set Api:Keys (environment Api__Keys__0=...) or listen on 127.0.0.1 only (--urls).
                ******************************************************************************************
                """,
                string.Join(", ", exposed));
            return;
        }

        logger.LogInformation(
            "API keys: {Count} configured{Requirement}; rate limit {Limit}; request bodies up to {MaxBytes} bytes",
            keys.Count,
            keys.IsEmpty ? " (loopback only, none required)" : ", x-api-key required on every endpoint except /health",
            limit,
            options.Value.MaxRequestBytes);
    }

    /// <summary>True for 127.0.0.0/8, ::1, <c>localhost</c> and Unix sockets; false for wildcards and other hosts.</summary>
    public static bool IsLoopback(string address)
    {
        BindingAddress parsed;
        try
        {
            parsed = BindingAddress.Parse(address);
        }
        catch (FormatException)
        {
            return false;
        }

        if (parsed.IsUnixPipe || string.Equals(parsed.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}

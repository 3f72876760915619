namespace Pinterest.Modular.Host.Api.Security;

/// <summary>
/// <c>/health</c> and below, where load balancers and orchestrators probe without a key: neither the key check nor the
/// rate limit applies there. The operations feature maps its health endpoints at <see cref="Value"/>.
/// </summary>
public static class HealthProbePath
{
    public const string Value = "/health";

    public static bool Matches(PathString path) => path.StartsWithSegments(Value, StringComparison.OrdinalIgnoreCase);
}

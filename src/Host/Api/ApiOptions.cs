using System.ComponentModel.DataAnnotations;
using Pinterest.Modular.Host.Api.Security;

namespace Pinterest.Modular.Host.Api;

/// <summary>Configuration section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary><c>Api:PathBase</c>: an API Gateway stage such as <c>/test</c>, so an existing invoke URL only changes its host.</summary>
    [RegularExpression("^(/[A-Za-z0-9._~-]+)*$", ErrorMessage = "Api:PathBase must be empty or start with '/' (e.g. /test).")]
    public string PathBase { get; set; } = string.Empty;

    /// <summary>
    /// <c>Api:Keys</c> (environment <c>Api__Keys__0=...</c>): when any is set, every endpoint but <c>/health</c> wants one of
    /// them in the <c>x-api-key</c> header, as an API Gateway usage plan does. Empty: no key is asked for.
    /// </summary>
    public List<string> Keys { get; set; } = [];

    /// <summary><c>Api:MaxRequestBytes</c>: the largest request body the API reads (default 5 MiB); larger is 413.</summary>
    [Range(1L, 1L << 30, ErrorMessage = "Api:MaxRequestBytes must be between 1 and 1073741824 (1 GiB).")]
    public long MaxRequestBytes { get; set; } = 5L * 1024 * 1024;

    /// <summary><c>Api:RateLimit</c>: a token bucket per API key (or per client address when no keys are set).</summary>
    public ApiRateLimitOptions RateLimit { get; set; } = new();
}

using System.ComponentModel.DataAnnotations;

namespace Pinterest.Modular.Host.Api;

/// <summary>Configuration section <c>Api</c>.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary><c>Api:PathBase</c>: an API Gateway stage such as <c>/test</c>, so an existing invoke URL only changes its host.</summary>
    [RegularExpression("^(/[A-Za-z0-9._~-]+)*$", ErrorMessage = "Api:PathBase must be empty or start with '/' (e.g. /test).")]
    public string PathBase { get; set; } = string.Empty;
}

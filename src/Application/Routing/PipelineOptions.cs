using System.ComponentModel.DataAnnotations;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Routing;

/// <summary>Configuration section <c>Pipeline</c>.</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary><c>Pipeline:DataDir</c>: where the embedded adapters keep all state.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDir { get; set; } = "./data";

    /// <summary><c>Pipeline:TopicPrefix</c>: topics are <c>&lt;prefix&gt;.pin</c>, streams <c>streaming-&lt;prefix&gt;-pin</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9_.-]{1,100}$", ErrorMessage = "Pipeline:TopicPrefix may hold only letters, digits, '.', '_' and '-'.")]
    public string TopicPrefix { get; set; } = "pinterest";

    /// <summary>
    /// <c>Pipeline:Routes:&lt;kind&gt;</c>: which routes are open for a kind (<c>Batch</c>, <c>Stream</c> or
    /// <c>Batch,Stream</c>). A closed route's topic or stream does not exist for clients.
    /// </summary>
    public Dictionary<RecordKind, Route[]> Routes { get; set; } = [];
}

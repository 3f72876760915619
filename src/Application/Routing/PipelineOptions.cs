using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Routing;

/// <summary>Configuration section <c>Pipeline</c>.</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary><c>Pipeline:DataDir</c>: where the embedded adapters keep all state.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Pipeline:DataDir must name a directory.")]
    public string DataDir { get; set; } = "./data";

    /// <summary><c>Pipeline:TopicPrefix</c>: topics are <c>&lt;prefix&gt;.pin</c>, streams <c>streaming-&lt;prefix&gt;-pin</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Pipeline:TopicPrefix must not be empty.")]
    [RegularExpression("^[A-Za-z0-9_.-]{1,100}$", ErrorMessage = "Pipeline:TopicPrefix may hold only letters, digits, '.', '_' and '-'.")]
    public string TopicPrefix { get; set; } = "pinterest";

    /// <summary>
    /// <c>Pipeline:BatchTransport</c>: the name of the transport that carries the topics, or null for the default.
    /// Infrastructure lists the transports, picks the default and checks the name at start.
    /// </summary>
    public string? BatchTransport { get; set; }

    /// <summary><c>Pipeline:StreamTransport</c>: the name of the transport that carries the streams, as for <see cref="BatchTransport"/>.</summary>
    public string? StreamTransport { get; set; }

    /// <summary>
    /// <c>Pipeline:Routes:&lt;kind&gt;</c> (a registered kind: <c>pin</c>, <c>geo</c>, <c>user</c>): the routes open for that kind,
    /// <c>Batch</c>, <c>Stream</c> or <c>Batch,Stream</c> (the default). A closed route's topic or stream does not exist.
    /// </summary>
    public Dictionary<string, string> Routes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The open routes of each registered kind, in the kinds' order, or the errors that name the bad keys.</summary>
    public (Dictionary<RecordKind, Route[]> Routes, List<string> Errors) ParseRoutes(RecordKindRegistry kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var parsed = kinds.Kinds.ToDictionary(k => k, _ => new[] { Route.Batch, Route.Stream });
        var errors = new List<string>();
        foreach (var (name, value) in Routes)
        {
            if (!kinds.TryFind(name, out var description))
            {
                errors.Add($"Pipeline:Routes:{name}: unknown record kind; use {kinds.NamesForMessage}.");
                continue;
            }

            var kind = description.Kind;

            var routes = new List<Route>();
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (Enum.TryParse<Route>(part, ignoreCase: true, out var route) && Enum.IsDefined(route))
                {
                    routes.Add(route);
                }
                else
                {
                    errors.Add($"Pipeline:Routes:{name}: '{part}' is not a route; use Batch, Stream or Batch,Stream.");
                }
            }

            if (routes.Count == 0)
            {
                errors.Add($"Pipeline:Routes:{name}: at least one route must stay open.");
            }
            else
            {
                parsed[kind] = [.. routes.Distinct()];
            }
        }

        return (parsed, errors);
    }
}

/// <summary>Fails start-up with messages that name the bad <c>Pipeline:Routes</c> keys.</summary>
public sealed class PipelineOptionsValidator(RecordKindRegistry kinds) : IValidateOptions<PipelineOptions>
{
    public ValidateOptionsResult Validate(string? name, PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.ParseRoutes(kinds).Errors;
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

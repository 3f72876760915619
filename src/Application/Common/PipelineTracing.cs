using System.Diagnostics;

namespace Pinterest.Modular.Application.Common;

/// <summary>
/// The pipeline's traces, on the activity source <c>Pinterest.Modular</c>: one span per ingest request and one per
/// batch run. Without a listener (no exporter configured) starting a span costs a null check.
/// </summary>
public static class PipelineTracing
{
    public const string SourceName = "Pinterest.Modular";

    public static ActivitySource Source { get; } = new(SourceName);
}

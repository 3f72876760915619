using System.Diagnostics;
using System.Diagnostics.Metrics;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Common;

/// <summary>
/// The pipeline's metrics, on the meter <c>Pinterest.Modular</c>: records accepted per destination, records rejected
/// per kind, batch-run durations, and each stream's lag. The handlers report here and nowhere else; an exporter (OTLP,
/// a test's MeterListener) subscribes to the meter by name.
/// </summary>
public sealed class PipelineMetrics
{
    public const string MeterName = "Pinterest.Modular";

    /// <summary>How long a lag reading may take before the collector gets nothing for that round.</summary>
    private static readonly TimeSpan LagReadTimeout = TimeSpan.FromSeconds(10);

    // A batch run takes from a second (the demo) to an hour (a big day); the default buckets are sized for milliseconds.
    private static readonly double[] BatchDurationBuckets = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

    private readonly Counter<long> _accepted;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _batchDuration;
    private readonly IRouteMonitor? _routes;

    /// <param name="routes">Where stream lag is read when a collector asks; without it the lag gauge reports nothing.</param>
    public PipelineMetrics(IMeterFactory meterFactory, IRouteMonitor? routes = null)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _routes = routes;
        var meter = meterFactory.Create(MeterName);
        _accepted = meter.CreateCounter<long>(
            "pipeline.records.accepted", "{record}", "Records a transport holds durably, per route, destination and kind.");
        _rejected = meter.CreateCounter<long>(
            "pipeline.records.rejected", "{record}", "Records cleaning rejected (stored as dead letters), per kind.");
        _batchDuration = meter.CreateHistogram(
            "pipeline.batch.duration",
            "s",
            "How long a batch run took, per status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = BatchDurationBuckets });
        meter.CreateObservableGauge(
            "pipeline.stream.lag", ObserveLag, "s", "Age of the oldest record a stream has not stored yet, per stream.");
    }

    public void RecordsAccepted(Destination destination, int count)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (count > 0)
        {
            // A TagList holds the three tags inline: counting a request allocates nothing.
            _accepted.Add(count, new TagList
            {
                { "route", RouteName(destination.Route) },
                { "destination", destination.Name },
                { "kind", destination.Kind.Name },
            });
        }
    }

    public void RecordsRejected(RecordKind kind, int count)
    {
        if (count > 0)
        {
            _rejected.Add(count, new KeyValuePair<string, object?>("kind", kind.Name));
        }
    }

    public void BatchRunFinished(string status, TimeSpan duration) =>
        _batchDuration.Record(Math.Max(0, duration.TotalSeconds), new KeyValuePair<string, object?>("status", status));

    private static string RouteName(Route route) => route == Route.Batch ? "batch" : "stream";

    private static KeyValuePair<string, object?>[] DestinationTags(Destination destination) =>
    [
        new("route", RouteName(destination.Route)),
        new("destination", destination.Name),
        new("kind", destination.Kind.Name),
    ];

    /// <summary>
    /// Called on the collector's thread (an exporter's timer, a listener's poll), which is not a request thread, so
    /// waiting for the monitor here blocks nobody who serves clients.
    /// </summary>
    private IEnumerable<Measurement<double>> ObserveLag()
    {
        if (_routes is null)
        {
            return [];
        }

        try
        {
            using var timeout = new CancellationTokenSource(LagReadTimeout);
            var progress = _routes.GetProgressAsync(timeout.Token).GetAwaiter().GetResult();
            return [.. progress
                .Where(p => p.Destination.Route == Route.Stream && p.Lag is not null)
                .Select(p => new Measurement<double>(p.Lag!.Value.TotalSeconds, DestinationTags(p.Destination)))];
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            // A slow or briefly unavailable warehouse costs one reading, not the exporter's whole collection.
            return [];
        }
    }
}

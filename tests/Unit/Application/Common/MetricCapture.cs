using System.Diagnostics.Metrics;
using Pinterest.Modular.Application.Common;

namespace Pinterest.Modular.Tests.Unit.Application.Common;

/// <summary>One measurement: the instrument's name, the value, and its tags as text.</summary>
internal sealed record CapturedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);

/// <summary>
/// Listens to the pipeline meter of one test host only (its own meter factory), so tests running in parallel, each
/// with its own host, never see each other's numbers.
/// </summary>
internal sealed class MetricCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly List<CapturedMeasurement> _measurements = [];

    public MetricCapture(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PipelineMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<CapturedMeasurement> Of(string instrument)
    {
        lock (_gate)
        {
            return [.. _measurements.Where(m => m.Instrument == instrument)];
        }
    }

    /// <summary>The sum of an instrument's values per distinct tag set, the tags written as <c>k=v,k=v</c> in key order.</summary>
    public IReadOnlyDictionary<string, double> Totals(string instrument) =>
        Of(instrument)
            .GroupBy(m => string.Join(',', m.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")))
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));

    /// <summary>Asks the observable instruments (the lag gauge) for their current values, as an exporter's timer would.</summary>
    public void Collect() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, tag) in tags)
        {
            copy[key] = Convert.ToString(tag, System.Globalization.CultureInfo.InvariantCulture);
        }

        lock (_gate)
        {
            _measurements.Add(new CapturedMeasurement(instrument.Name, value, copy));
        }
    }
}

using Pinterest.Modular.Application.Ingest;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Tests.Unit.Application.Fakes;

/// <summary>A stream transport that keeps appended records per stream and hands out growing sequence numbers.</summary>
internal sealed class FakeStreamWriter : IStreamWriter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<IngestRecord>> _appended = new(StringComparer.Ordinal);

    /// <summary>When set, every append throws it (a stream that is unavailable).</summary>
    public Exception? FailWith { get; set; }

    public IReadOnlyList<IngestRecord> Appended(string stream)
    {
        lock (_gate)
        {
            return _appended.TryGetValue(stream, out var records) ? [.. records] : [];
        }
    }

    public Task<IReadOnlyList<RecordAck>> AppendAsync(string stream, IReadOnlyList<IngestRecord> records, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (FailWith is not null)
            {
                throw FailWith;
            }

            if (!_appended.TryGetValue(stream, out var log))
            {
                log = [];
                _appended[stream] = log;
            }

            var acks = new List<RecordAck>(records.Count);
            foreach (var record in records)
            {
                var sequence = 1000 + log.Count;
                log.Add(record);
                acks.Add(new RecordAck(0, sequence, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            return Task.FromResult<IReadOnlyList<RecordAck>>(acks);
        }
    }
}

using System.Globalization;
using Confluent.Kafka;
using Pinterest.Modular.Application.Ingest;

namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>
/// Gathers the delivery reports of one request's records into their acks, in request order: one completion for the
/// request rather than a task per record. Reports arrive on the producer's poll thread; the first error ends it.
/// </summary>
internal sealed class KafkaDeliveries
{
    private readonly RecordAck[] _acks;
    private readonly TaskCompletionSource<RecordAck[]> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;

    public KafkaDeliveries(int count)
    {
        _acks = new RecordAck[count];
        _remaining = count;
    }

    /// <summary>Every ack, or the first <see cref="Error"/> as a <see cref="KafkaException"/>.</summary>
    public Task<RecordAck[]> Completion => _done.Task;

    /// <summary>The report handler for the record at <paramref name="index"/>.</summary>
    public Action<DeliveryReport<byte[]?, byte[]>> ReportFor(int index) => report =>
    {
        if (report.Error.IsError)
        {
            _done.TrySetException(new KafkaException(report.Error));
            return;
        }

        var offset = report.Offset.Value;
        _acks[index] = new RecordAck(report.Partition.Value, offset, offset.ToString(CultureInfo.InvariantCulture));
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult(_acks);
        }
    };
}

using System.Collections.Concurrent;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Application.Ingest;

/// <summary>
/// Carries single-record requests to one destination that arrive while an earlier send to it is in flight as one
/// <see cref="IngestRecords"/> command. The AWS emulator sends one row per request; each would otherwise pay the
/// command's fixed cost (a mediator hop, validation, a durable append) alone. A request that finds its lane idle is
/// sent at once, so nothing waits for a batch to fill; under concurrency each send carries whatever queued behind the
/// one before (at most <c>Ingest:MaxRecordsPerRequest</c>). Every request still gets the answer it would have had
/// alone: its own ack; its own validation or partition error (a batch refused before anything was appended is sent
/// again record by record); or the failure of the destination or transport, which is the same for all of them.
/// </summary>
public sealed class SingleRecordLanes(Func<Destination, IReadOnlyList<IngestRecord>, Task<IngestResult>> send, int maxRecords)
{
    /// <summary>
    /// Sends in flight at once per destination: while one waits for its durable append (an fsync), the next is
    /// validated and routed, and the transport can commit both in one group. More measured no faster (the disk's
    /// flushes are the limit then).
    /// </summary>
    public const int SendersPerLane = 2;

    private readonly Func<Destination, IReadOnlyList<IngestRecord>, Task<IngestResult>> _send = send;
    private readonly int _maxRecords = maxRecords;
    private readonly ConcurrentDictionary<Destination, Lane> _lanes = new();

    /// <summary>The answer for <paramref name="record"/>; cancelling stops the wait, not the send.</summary>
    public Task<IngestResult> SendAsync(Destination destination, IngestRecord record, CancellationToken cancellationToken) =>
        _lanes.GetOrAdd(destination, d => new Lane(d, this)).SendAsync(record, cancellationToken);

    private sealed class Lane(Destination destination, SingleRecordLanes owner)
    {
        private readonly ConcurrentQueue<Waiting> _queue = new();
        private int _senders;

        public async Task<IngestResult> SendAsync(IngestRecord record, CancellationToken cancellationToken)
        {
            var waiting = new Waiting(record);
            _queue.Enqueue(waiting);
            if (TryStartSender())
            {
                await DrainAsync(waiting);
            }

            return await waiting.Answer.Task.WaitAsync(cancellationToken);
        }

        /// <summary>
        /// Sends batches while records wait. A request that started the drain runs it until its own record is
        /// answered, then leaves the rest to the thread pool so its response is not held back by others.
        /// </summary>
        private async Task DrainAsync(Waiting? own)
        {
            while (true)
            {
                var batch = Take();
                if (batch.Count == 0)
                {
                    Interlocked.Decrement(ref _senders);

                    // A record queued between Take and the release may have found every sender busy and relies on this one.
                    if (_queue.IsEmpty || !TryStartSender())
                    {
                        return;
                    }

                    continue;
                }

                await SendBatchAsync(batch);
                if (own is not null && own.Answer.Task.IsCompleted)
                {
                    using (ExecutionContext.SuppressFlow())
                    {
                        _ = Task.Run(() => DrainAsync(null)); // this sender's place passes to that drain, which gives it back
                    }

                    return;
                }
            }
        }

        private bool TryStartSender()
        {
            while (true)
            {
                var senders = Volatile.Read(ref _senders);
                if (senders >= SendersPerLane)
                {
                    return false;
                }

                if (Interlocked.CompareExchange(ref _senders, senders + 1, senders) == senders)
                {
                    return true;
                }
            }
        }

        private List<Waiting> Take()
        {
            var batch = new List<Waiting>();
            while (batch.Count < owner._maxRecords && _queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }

            return batch;
        }

        private async Task SendBatchAsync(List<Waiting> batch)
        {
            try
            {
                var records = new IngestRecord[batch.Count];
                for (var i = 0; i < records.Length; i++)
                {
                    records[i] = batch[i].Record;
                }

                var result = await owner._send(destination, records);
                if (batch.Count == 1 || result.Status is not (IngestStatus.Accepted or IngestStatus.Invalid or IngestStatus.PartitionNotFound))
                {
                    foreach (var waiting in batch)
                    {
                        waiting.Answer.TrySetResult(result);
                    }
                }
                else if (result.Status == IngestStatus.Accepted)
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Answer.TrySetResult(IngestResult.Accepted([result.Acks[i]]));
                    }
                }
                else
                {
                    // Refused for one record before anything was appended: each alone gets its own answer, in arrival order.
                    foreach (var waiting in batch)
                    {
                        waiting.Answer.TrySetResult(await owner._send(destination, [waiting.Record]));
                    }
                }
            }
            catch (Exception ex)
            {
                foreach (var waiting in batch)
                {
                    waiting.Answer.TrySetException(ex);
                }
            }
        }
    }

    private sealed class Waiting(IngestRecord record)
    {
        public IngestRecord Record { get; } = record;

        public TaskCompletionSource<IngestResult> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

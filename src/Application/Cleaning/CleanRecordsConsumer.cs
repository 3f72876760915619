using System.Collections.Concurrent;
using MassTransit;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Kinds;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// The clean-and-persist use case both routes share: cleans each record (one row per <c>ind</c>, see
/// <see cref="CleanedRows"/>) and stores rows, rejections and the reader's progress marks in one warehouse
/// transaction. Rejections keep their source (with <c>#i</c> for a row inside an array).
/// </summary>
public sealed class CleanRecordsConsumer(IWarehouse warehouse, RecordKindRegistry kinds, TimeProvider clock, PipelineMetrics metrics)
    : IConsumer<CleanRecords>
{
    /// <summary>Below this many records a parallel loop costs more than it saves (a stream batch, a request).</summary>
    private const int ParallelFrom = 512;

    private const int SliceSize = 256;

    public async Task Consume(ConsumeContext<CleanRecords> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (kind, records, marks) = context.Message;
        var description = kinds.Get(kind);
        var rows = new CleanedRows();
        var rejected = new List<RejectedRecord>();
        var issues = 0;
        var now = clock.GetUtcNow();
        var outcomes = CleanAll(description, records, context.CancellationToken);
        for (var i = 0; i < records.Count; i++)
        {
            var (record, outcome) = (records[i], outcomes[i]);
            issues += outcome.IssueCount;
            rows.Add(description, outcome);
            foreach (var row in outcome.Rejected)
            {
                rejected.Add(new RejectedRecord(kind, row.SourceOf(record.Source), row.Reason, row.RawJson, now));
            }
        }

        var batch = rows.ToBatch(rejected);
        var stored = await warehouse.PersistAsync(batch, marks, context.CancellationToken);

        // Counted once stored: a batch that failed to persist is retried whole and would otherwise count twice.
        metrics.RecordsRejected(kind, stored.RejectedStored);
        await context.RespondAsync(new RecordsStored(stored.RowsUpserted, stored.RejectedStored, issues));
    }

    /// <summary>
    /// Cleans every record, in slices on all cores when there are many (a batch chunk): cleaning is as costly as
    /// storing, and records are independent. The outcomes keep the records' order, so the last row of an ind still wins.
    /// </summary>
    private static CleanOutcome[] CleanAll(RecordKindDescription kind, IReadOnlyList<RawRecord> records, CancellationToken cancellationToken)
    {
        var outcomes = new CleanOutcome[records.Count];
        if (records.Count < ParallelFrom || Environment.ProcessorCount == 1)
        {
            for (var i = 0; i < outcomes.Length; i++)
            {
                outcomes[i] = RecordCleaner.Clean(kind, records[i].Json.Span);
            }

            return outcomes;
        }

        var options = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.ForEach(Partitioner.Create(0, outcomes.Length, SliceSize), options, slice =>
        {
            for (var i = slice.Item1; i < slice.Item2; i++)
            {
                outcomes[i] = RecordCleaner.Clean(kind, records[i].Json.Span);
            }
        });
        return outcomes;
    }
}

using MassTransit;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Persistence;

namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// Cleans each record and hands the batch to persist (one row per <c>ind</c>, see <see cref="CleanedRows"/>);
/// rejections keep their source (with <c>#i</c> for a row inside an array).
/// </summary>
public sealed class CleanRecordsConsumer(IRequestClient<PersistRecords> persist, TimeProvider clock, PipelineMetrics metrics)
    : IConsumer<CleanRecords>
{
    public async Task Consume(ConsumeContext<CleanRecords> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (kind, records, marks) = context.Message;
        var rows = new CleanedRows();
        var rejected = new List<RejectedRecord>();
        var issues = 0;
        var now = clock.GetUtcNow();
        foreach (var record in records)
        {
            var outcome = RecordCleaner.Clean(kind, record.Json.Span);
            issues += outcome.IssueCount;
            rows.Add(outcome);
            foreach (var row in outcome.Rejected)
            {
                rejected.Add(new RejectedRecord(kind, row.SourceOf(record.Source), row.Reason, row.RawJson, now));
            }
        }

        var batch = rows.ToBatch(rejected);
        var stored = await persist.GetResponse<PersistOutcome>(new PersistRecords(batch, marks), context.CancellationToken);

        // Counted once stored: a batch that failed to persist is retried whole and would otherwise count twice.
        metrics.RecordsRejected(kind, stored.Message.RejectedStored);
        await context.RespondAsync(new RecordsStored(stored.Message.RowsUpserted, stored.Message.RejectedStored, issues));
    }
}

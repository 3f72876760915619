using MassTransit;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Domain.Geo;
using Pinterest.Modular.Domain.Pins;
using Pinterest.Modular.Domain.Users;

namespace Pinterest.Modular.Application.Cleaning;

/// <summary>
/// Cleans each record and hands the batch to persist. Within a batch the last row of an <c>ind</c> wins, as
/// successive upserts would have it; rejections keep their source (with <c>#i</c> for a row inside an array).
/// </summary>
public sealed class CleanRecordsConsumer(IRequestClient<PersistRecords> persist, TimeProvider clock, PipelineMetrics metrics)
    : IConsumer<CleanRecords>
{
    public async Task Consume(ConsumeContext<CleanRecords> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (kind, records, marks) = context.Message;
        var pins = new Dictionary<long, Pin>();
        var geos = new Dictionary<long, GeoLocation>();
        var users = new Dictionary<long, User>();
        var rejected = new List<RejectedRecord>();
        var issues = 0;
        var now = clock.GetUtcNow();
        foreach (var record in records)
        {
            var outcome = RecordCleaner.Clean(kind, record.Json.Span);
            issues += outcome.IssueCount;
            foreach (var cleaned in outcome.Cleaned)
            {
                switch (cleaned.Row)
                {
                    case Pin pin:
                        pins[pin.Ind] = pin;
                        break;
                    case GeoLocation geo:
                        geos[geo.Ind] = geo;
                        break;
                    case User user:
                        users[user.Ind] = user;
                        break;
                }
            }

            foreach (var row in outcome.Rejected)
            {
                rejected.Add(new RejectedRecord(kind, row.SourceOf(record.Source), row.Reason, row.RawJson, now));
            }
        }

        var batch = new CleanedBatch([.. pins.Values], [.. geos.Values], [.. users.Values], rejected);
        var stored = await persist.GetResponse<PersistOutcome>(new PersistRecords(batch, marks), context.CancellationToken);

        // Counted once stored: a batch that failed to persist is retried whole and would otherwise count twice.
        metrics.RecordsRejected(kind, stored.Message.RejectedStored);
        await context.RespondAsync(new RecordsStored(stored.Message.RowsUpserted, stored.Message.RejectedStored, issues));
    }
}

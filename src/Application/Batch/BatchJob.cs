using System.Diagnostics;
using MassTransit.Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Cleaning;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Application.Batch;

/// <summary>
/// What the Databricks notebook did, run by MWAA: read the landing objects not processed yet, clean and persist
/// them (the same commands as the stream route), then run the nine analytics and keep their results.
/// A processed object is remembered by key and ETag in the same transaction as its rows, so a second run
/// reads nothing twice and a crash mid-run repeats at most the unmarked objects (upserts make that harmless).
/// How the run ended is recorded even if the warehouse is away for a while (up to <c>BatchJob:LeaseDuration</c>), so a
/// run that failed because the warehouse went away says so once it is back.
/// </summary>
public sealed class BatchJob(
    RouteTable routes,
    IObjectStore landing,
    IBatchRouteSink sink,
    IWarehouse warehouse,
    IBatchRunStore runs,
    IAnalyticsQueries analytics,
    IAnalyticsResultStore results,
    IMediator mediator,
    IProgressReporter progress,
    IOptions<BatchJobOptions> options,
    TimeProvider clock,
    PipelineMetrics metrics,
    ILogger<BatchJob> logger)
{
    public const string LandingScope = "landing";

    public Task<BatchRun> QueueAsync(string trigger, CancellationToken cancellationToken) =>
        runs.CreateAsync(trigger, clock.GetUtcNow(), cancellationToken);

    public async Task<BatchRun> ExecuteAsync(BatchRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var activity = PipelineTracing.Source.StartActivity("batch run");
        activity?.SetTag("pipeline.batch.run_id", run.Id);
        activity?.SetTag("pipeline.batch.trigger", run.Trigger);
        run = run with { Status = BatchRunStatus.Running, StartedAt = clock.GetUtcNow() };
        await runs.UpdateAsync(run, cancellationToken);
        logger.LogInformation("Batch run {RunId} ({Trigger}) started", run.Id, run.Trigger);
        try
        {
            await sink.FlushAsync(cancellationToken);
            var pending = await FindUnprocessedAsync(cancellationToken);
            var totals = new RunTotals();
            foreach (var group in pending.GroupBy(p => p.Destination))
            {
                await ProcessAsync(group.Key, [.. group.Select(p => p.Object)], totals, pending.Count, cancellationToken);
            }

            progress.Report("Analytics", 0, AnalyticsQuery.All.Count);
            var computed = await analytics.RunAllAsync(cancellationToken);
            progress.Report("Analytics", computed.Count, AnalyticsQuery.All.Count);
            await results.SaveAsync(run.Id, computed, cancellationToken);
            run = run with
            {
                Status = BatchRunStatus.Succeeded,
                FinishedAt = clock.GetUtcNow(),
                ObjectsRead = totals.Objects,
                RowsUpserted = totals.Rows,
                Rejected = totals.Rejected,
            };
            logger.LogInformation(
                "Batch run {RunId} succeeded: {Objects} objects, {Rows} rows upserted, {Rejected} rejected",
                run.Id, run.ObjectsRead, run.RowsUpserted, run.Rejected);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Batch run {RunId} failed", run.Id);
            // The mediator wraps a handler's failure in RequestException ("...processing the X request"); the run
            // keeps the cause a person can act on.
            run = run with { Status = BatchRunStatus.Failed, FinishedAt = clock.GetUtcNow(), Error = ex.GetBaseException().Message };
        }
        catch (OperationCanceledException)
        {
            // Stopped from outside (shutdown, Ctrl+C): the run must not stay "running" forever.
            run = run with { Status = BatchRunStatus.Failed, FinishedAt = clock.GetUtcNow(), Error = "cancelled before it finished" };
            await runs.UpdateAsync(run, CancellationToken.None);
            Observe(run, activity);
            throw;
        }

        await runs.RecordEndAsync(run, options.Value.LeaseDuration, clock, logger, cancellationToken);
        Observe(run, activity);
        return run;
    }

    /// <summary>The run's duration and outcome, for the metrics and the run's span.</summary>
    private void Observe(BatchRun run, Activity? activity)
    {
        var status = run.Status == BatchRunStatus.Succeeded ? "succeeded" : "failed";
        metrics.BatchRunFinished(status, (run.FinishedAt - run.StartedAt) ?? TimeSpan.Zero);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("pipeline.batch.status", status);
        activity.SetTag("pipeline.batch.objects_read", run.ObjectsRead);
        activity.SetTag("pipeline.batch.rows_upserted", run.RowsUpserted);
        activity.SetTag("pipeline.batch.rejected", run.Rejected);
        if (run.Status != BatchRunStatus.Succeeded)
        {
            activity.SetStatus(ActivityStatusCode.Error, run.Error);
        }
    }

    private async Task<List<(Destination Destination, StoredObject Object)>> FindUnprocessedAsync(CancellationToken cancellationToken)
    {
        var marks = await warehouse.GetMarksAsync(LandingScope, cancellationToken);
        var pending = new List<(Destination, StoredObject)>();
        foreach (var topic in routes.Topics)
        {
            await foreach (var stored in landing.ListAsync(LandingObjectKey.TopicPrefix(topic.Name), cancellationToken))
            {
                if (!marks.TryGetValue(stored.Key, out var etag) || etag != stored.ETag)
                {
                    pending.Add((topic, stored));
                }
            }
        }

        return pending;
    }

    /// <summary>Reads the objects of one topic line by line into chunks of records; each chunk is one clean-and-persist command.</summary>
    private async Task ProcessAsync(
        Destination topic, IReadOnlyList<StoredObject> objects, RunTotals totals, int allObjects, CancellationToken cancellationToken)
    {
        var chunkSize = options.Value.ChunkRecords;
        var records = new List<RawRecord>(chunkSize);
        var marks = new List<ProgressMark>();

        // The next object is read while this one's records are cleaned and stored: reading (a file, or an S3 request)
        // overlaps the work instead of adding to it. Objects are still handled one after another, in order.
        Task<byte[]>? next = objects.Count > 0 ? landing.ReadAsync(objects[0].Key, cancellationToken) : null;
        try
        {
            for (var i = 0; i < objects.Count; i++)
            {
                var content = await next!;
                next = i + 1 < objects.Count ? landing.ReadAsync(objects[i + 1].Key, cancellationToken) : null;
                await AddLinesAsync(topic, objects[i], content, records, marks, totals, cancellationToken);
                totals.Objects++;
                progress.Report("Landing objects", totals.Objects, allObjects);
            }
        }
        finally
        {
            // A read started for an object that is no longer wanted (a failure stopped the run) must not go unobserved.
            next?.ContinueWith(static read => read.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        await SendAsync(topic, records, marks, totals, cancellationToken);
    }

    /// <summary>Adds an object's lines to the chunk, sending each full chunk; its mark goes with its last line.</summary>
    private async Task AddLinesAsync(
        Destination topic,
        StoredObject stored,
        byte[] content,
        List<RawRecord> records,
        List<ProgressMark> marks,
        RunTotals totals,
        CancellationToken cancellationToken)
    {
        var chunkSize = options.Value.ChunkRecords;
        var key = LandingObjectKey.TryParse(stored.Key, out var parsed) ? parsed : null;
        var line = 0;
        foreach (var range in LandingLines.Split(content))
        {
            // A full chunk is sent only when another line comes, so the mark of an object whose last line
            // filled the chunk still goes in the same transaction as that line.
            if (records.Count >= chunkSize)
            {
                await SendAsync(topic, records, marks, totals, cancellationToken);
            }

            var source = key?.SourceOfLine(line) ?? $"{stored.Key}#{line + 1}";
            records.Add(new RawRecord(source, content.AsMemory(range)));
            line++;
        }

        marks.Add(new ProgressMark(LandingScope, stored.Key, stored.ETag));
    }

    private async Task SendAsync(
        Destination topic, List<RawRecord> records, List<ProgressMark> marks, RunTotals totals, CancellationToken cancellationToken)
    {
        if (records.Count == 0 && marks.Count == 0)
        {
            return;
        }

        var client = mediator.CreateRequestClient<CleanRecords>();
        var stored = await client.GetResponse<RecordsStored>(new CleanRecords(topic.Kind, [.. records], [.. marks]), cancellationToken);
        totals.Rows += stored.Message.RowsUpserted;
        totals.Rejected += stored.Message.Rejected;
        records.Clear();
        marks.Clear();
    }

    private sealed class RunTotals
    {
        public int Objects { get; set; }

        public long Rows { get; set; }

        public long Rejected { get; set; }
    }
}

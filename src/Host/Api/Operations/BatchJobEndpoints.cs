using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Pinterest.Modular.Application.Batch;

namespace Pinterest.Modular.Host.Api.Operations;

/// <summary>
/// <c>POST /api/jobs/batch</c> queues a run of the batch job (202, the run, Location); the <see cref="BatchJobRunner"/>
/// runs queued runs one at a time, each once the batch-job lease is free (a run in progress on any host, scheduled or
/// by hand, goes first). <c>GET /api/jobs/batch/{id}</c> follows one run; <c>GET /api/jobs/batch</c> lists the newest
/// runs, whatever started them (trigger <c>api</c>, <c>cli</c>, <c>schedule</c>, <c>schedule-retry-N</c>). A run whose
/// host stopped during it is shown failed (error "Abandoned: ...") once its lease has lapsed (<see cref="BatchRunHistory"/>).
/// </summary>
public static class BatchJobEndpoints
{
    public const string Trigger = "api";
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapBatchJobEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var jobs = api.MapGroup("/jobs/batch").WithTags("Batch job");
        jobs.MapPost(string.Empty, QueueAsync).WithName("QueueBatchRun")
            .WithSummary("Queue a run of the batch job; it runs once no other run holds the lease. Follow it at the Location answered.");
        jobs.MapGet("/{id:long}", GetAsync).WithName("GetBatchRun")
            .WithSummary("One run: status queued, running, succeeded or failed; counts, timings, error.");
        jobs.MapGet(string.Empty, ListAsync).WithName("ListBatchRuns")
            .WithSummary($"The newest runs first; limit 1..{MaxLimit} (default {DefaultLimit}).");
        return api;
    }

    private static async Task<Accepted<BatchRunResponse>> QueueAsync(HttpRequest request, BatchJobRunner runner, CancellationToken cancellationToken)
    {
        var run = await runner.EnqueueAsync(Trigger, cancellationToken);
        var location = string.Create(CultureInfo.InvariantCulture, $"{request.PathBase}/api/jobs/batch/{run.Id}");
        return TypedResults.Accepted(location, BatchRunResponse.From(run));
    }

    private static async Task<Results<Ok<BatchRunResponse>, ProblemHttpResult>> GetAsync(long id, BatchRunHistory runs, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(id, cancellationToken);
        return run is null
            ? TypedResults.Problem(title: "Not found", detail: $"No batch run with id {id}.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(BatchRunResponse.From(run));
    }

    private static async Task<Results<Ok<List<BatchRunResponse>>, ValidationProblem>> ListAsync(
        string? limit, BatchRunHistory runs, CancellationToken cancellationToken)
    {
        var take = DefaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take < 1 || take > MaxLimit))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [nameof(limit)] = [$"limit must be a whole number from 1 to {MaxLimit}."] },
                title: "Invalid query parameters");
        }

        var found = await runs.ListAsync(take, cancellationToken);
        return TypedResults.Ok(found.Select(BatchRunResponse.From).ToList());
    }
}

using System.Collections.Concurrent;
using Pinterest.Modular.Application.Common;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Application.Emulation;

/// <summary>
/// The posting emulator of spec §6: reads one row per kind at an event's offset from the source database and posts
/// pin, geo and user to each route's destination, with a rate, concurrency and records per request.
/// </summary>
public sealed class PostingEmulator(ISourceDatabase source, RouteTable routes, IPostingTarget target, IProgressReporter progress, TimeProvider clock)
{
    private const int MaxSampleErrors = 5;

    public async Task<EmulationSummary> RunAsync(EmulationPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var problems = plan.Validate().Select(v => v.ErrorMessage).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(plan));
        }

        var destinations = ResolveDestinations(plan.Routes);
        var rows = await CountRowsAsync(cancellationToken);
        var offsets = PlanOffsets(plan, rows);
        var state = new RunState(plan.Events);
        var started = clock.GetTimestamp();
        var workers = Enumerable.Range(0, plan.Concurrency)
            .Select(w => WorkAsync(plan, offsets, rows, destinations, state, started, w, cancellationToken));
        await Task.WhenAll(workers);
        var elapsed = clock.GetElapsedTime(started);
        progress.Report("Posting events", state.EventsDone, plan.Duration is null ? plan.Events : null);
        var latencies = state.Latencies.ToArray();
        Array.Sort(latencies);
        return new EmulationSummary(
            state.EventsDone,
            state.Sent, state.Acknowledged, state.Failed, state.Requests, elapsed,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), [.. state.Errors]);
    }

    private List<Destination> ResolveDestinations(IReadOnlyList<Route> planned)
    {
        var destinations = new List<Destination>();
        foreach (var route in planned.Distinct())
        {
            foreach (var kind in RecordKinds.All)
            {
                if (!routes.TryGet(kind, route, out var destination))
                {
                    throw new InvalidOperationException($"The {route} route is closed for {kind.Name} records (Pipeline:Routes).");
                }

                destinations.Add(destination);
            }
        }

        return destinations;
    }

    private async Task<long> CountRowsAsync(CancellationToken cancellationToken)
    {
        var rows = long.MaxValue;
        foreach (var kind in RecordKinds.All)
        {
            rows = Math.Min(rows, await source.CountAsync(kind, cancellationToken));
        }

        if (rows == 0)
        {
            throw new InvalidOperationException("The source database has no rows: run `seed` first.");
        }

        return rows;
    }

    /// <summary>
    /// The source row of each event: in order from the start offset (computed as needed, so a run bounded by its
    /// duration may have any number of events), or the seeded random sequence of the AWS loop (drawn up front).
    /// </summary>
    private static Func<long, long> PlanOffsets(EmulationPlan plan, long rows)
    {
        if (!plan.Random)
        {
            return e => (plan.StartOffset + e) % rows;
        }

        var offsets = new long[plan.Events];
        var random = new Random(plan.Seed);
        var highest = Math.Min(EmulationPlan.MaxRandomOffset, rows - 1);
        for (var e = 0; e < offsets.Length; e++)
        {
            offsets[e] = random.NextInt64(0, highest + 1);
        }

        return e => offsets[e];
    }

    private async Task WorkAsync(
        EmulationPlan plan,
        Func<long, long> offsets,
        long rows,
        List<Destination> destinations,
        RunState state,
        long started,
        int worker,
        CancellationToken cancellationToken)
    {
        var pause = new Random(plan.Seed + worker + 1);
        while (true)
        {
            var first = state.TakeEvents(plan.RecordsPerRequest);
            if (first >= plan.Events || (plan.Duration is { } duration && clock.GetElapsedTime(started) >= duration))
            {
                return;
            }

            var count = (int)Math.Min(plan.RecordsPerRequest, plan.Events - first);
            await PaceAsync(plan, first, started, pause, cancellationToken);
            var rowsByKind = new Dictionary<RecordKind, List<ReadOnlyMemory<byte>>>();
            foreach (var kind in RecordKinds.All)
            {
                rowsByKind[kind] = await ReadAsync(plan, offsets, rows, kind, first, count, cancellationToken);
            }

            foreach (var destination in destinations)
            {
                var read = rowsByKind[destination.Kind];
                if (read.Count > 0)
                {
                    await PostAsync(destination, read, state, cancellationToken);
                }
            }

            state.EventDone(count);
            progress.Report("Posting events", state.EventsDone, plan.Duration is null ? plan.Events : null);
        }
    }

    /// <summary>
    /// The kind's rows of events <paramref name="first"/> onwards: in order, a range of offsets read at once (two where
    /// it wraps at the end of the table); at random, the original's one row per event.
    /// </summary>
    private async Task<List<ReadOnlyMemory<byte>>> ReadAsync(
        EmulationPlan plan, Func<long, long> offsets, long rows, RecordKind kind, long first, int count, CancellationToken cancellationToken)
    {
        var read = new List<ReadOnlyMemory<byte>>(count);
        for (var e = first; e < first + count;)
        {
            if (plan.Random)
            {
                if (await source.ReadRowAsync(kind, offsets(e), cancellationToken) is { } row)
                {
                    read.Add(row);
                }

                e++;
                continue;
            }

            var from = offsets(e);
            var length = (int)Math.Min(first + count - e, rows - from);
            read.AddRange((await source.ReadRowsAsync(kind, from, length, cancellationToken)).Select(r => (ReadOnlyMemory<byte>)r));
            e += length;
        }

        return read;
    }

    private async Task PaceAsync(EmulationPlan plan, long firstEvent, long started, Random pause, CancellationToken cancellationToken)
    {
        if (plan.RatePerSecond is { } rate)
        {
            var due = TimeSpan.FromSeconds(firstEvent / rate) - clock.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, clock, cancellationToken);
            }
        }
        else if (plan.AwsPauses)
        {
            await Task.Delay(TimeSpan.FromSeconds(pause.Next(0, 2)), clock, cancellationToken); // the AWS loop's sleep(randrange(0, 2))
        }
    }

    private async Task PostAsync(Destination destination, List<ReadOnlyMemory<byte>> rows, RunState state, CancellationToken cancellationToken)
    {
        var sent = clock.GetTimestamp();
        PostOutcome outcome;
        try
        {
            outcome = await target.PostAsync(destination, rows, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outcome = new PostOutcome(false, ex.Message);
        }

        state.Posted(destination, rows.Count, outcome, clock.GetElapsedTime(sent).TotalMilliseconds);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    private sealed class RunState(long events)
    {
        private long _next;
        private long _eventsDone;
        private long _sent;
        private long _acknowledged;
        private long _failed;
        private long _requests;

        public ConcurrentQueue<double> Latencies { get; } = new();

        public ConcurrentQueue<string> Errors { get; } = new();

        public long EventsDone => Interlocked.Read(ref _eventsDone);

        public long Sent => Interlocked.Read(ref _sent);

        public long Acknowledged => Interlocked.Read(ref _acknowledged);

        public long Failed => Interlocked.Read(ref _failed);

        public long Requests => Interlocked.Read(ref _requests);

        public long TakeEvents(int count) => Math.Min(Interlocked.Add(ref _next, count) - count, events);

        public void EventDone(int count) => Interlocked.Add(ref _eventsDone, count);

        public void Posted(Destination destination, int records, PostOutcome outcome, double milliseconds)
        {
            Interlocked.Increment(ref _requests);
            Interlocked.Add(ref _sent, records);
            Latencies.Enqueue(milliseconds);
            if (outcome.Acknowledged)
            {
                Interlocked.Add(ref _acknowledged, records);
                return;
            }

            Interlocked.Add(ref _failed, records);
            if (Errors.Count < MaxSampleErrors)
            {
                Errors.Enqueue($"{destination.Name}: {outcome.Error}");
            }
        }
    }
}

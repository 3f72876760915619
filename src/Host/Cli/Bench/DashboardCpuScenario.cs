using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pinterest.Modular.Application.Analytics;
using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Persistence;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Host.Api.Client;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// <c>dashboard-cpu</c>: the CPU a <c>serve</c> process uses (% of one core, from its own processor time) over a warehouse
/// of N events (1,000,000; 50,000 with <c>--quick</c>) while a client polls as the dashboard page does (every 3 s: stats,
/// runs, rejected, cluster and the nine charts with their ETags), first with nothing arriving (idle), then with 5 records/s
/// arriving on the stream route (trickle). The baseline is the same process with no client and nothing arriving. All three
/// are measured after a warm-up of polling and trickle (2 minutes; 15 s with <c>--quick</c>), as on a host up a while.
/// </summary>
public static class DashboardCpuScenario
{
    public const string Name = "dashboard-cpu";
    private const int LoadChunk = 50_000;
    private const double TrickleRate = 5;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);

    // serve inherits this process's environment: Analytics__RefreshSeconds set for the bench is the one serve runs with.
    private static string RefreshSeconds => Environment.GetEnvironmentVariable("Analytics__RefreshSeconds") ?? "5 (default)";

    public static async Task<BenchResult> RunAsync(string dataDir, bool quick, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(say);
        long events = quick ? 50_000 : 1_000_000;
        var window = TimeSpan.FromSeconds(quick ? 15 : 60);
        var warmUp = TimeSpan.FromSeconds(quick ? 15 : 120);
        var (rows, routes) = await LoadWarehouseAsync(dataDir, events, say, cancellationToken);

        var port = FreePort();
        var api = new Uri($"http://127.0.0.1:{port}/");
        using var serve = StartServe(dataDir, api);
        try
        {
            using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromMinutes(5) };
            await WaitReadyAsync(http, serve, cancellationToken);
            var dashboard = new DashboardPoller(http);

            say("the first dashboard poll (computes the served results)");
            var first = Stopwatch.StartNew();
            await dashboard.PollAsync(cancellationToken);
            var firstPoll = first.Elapsed;
            say($"first poll took {firstPoll.TotalSeconds:N1} s");

            // Records arriving while the dashboard polls, before anything is measured: code first run in a window would
            // otherwise count its compilation (tiered JIT, about a third of a cold window's CPU) as the steady cost.
            var sent = 0;
            async Task Trickle(CancellationToken token)
            {
                var polling = dashboard.PollEveryAsync(token);
                var posting = Task.Run(async () => sent += await TrickleAsync(api, routes, rows, events, sent, token), CancellationToken.None);
                await Task.WhenAll(polling, posting);
            }

            say($"warm-up, not counted: the dashboard open, {TrickleRate} records/s on the stream route, for {warmUp.TotalSeconds:N0} s");
            var warming = await MeasureAsync(serve, warmUp, Trickle, cancellationToken);
            say($"warm-up: {warming:N2} % of one core");

            say($"baseline: the host alone for {window.TotalSeconds:N0} s");
            var alone = await MeasureAsync(serve, window, _ => Task.CompletedTask, cancellationToken);

            say($"idle: the dashboard open, nothing arriving, for {window.TotalSeconds:N0} s");
            var idleStart = dashboard.Snapshot();
            var idle = await MeasureAsync(serve, window, dashboard.PollEveryAsync, cancellationToken);
            var idleCounts = dashboard.Snapshot() - idleStart;

            say($"trickle: the dashboard open, {TrickleRate} records/s on the stream route, for {window.TotalSeconds:N0} s");
            var trickleStart = dashboard.Snapshot();
            var trickle = await MeasureAsync(serve, window, Trickle, cancellationToken);
            var trickleCounts = dashboard.Snapshot() - trickleStart;

            return new BenchResult(Name, trickle, "% of one core", alone, "the same serve process alone (no client, nothing arriving)", new Dictionary<string, object>
            {
                ["events"] = events,
                ["window_s"] = window.TotalSeconds,
                ["warm_up_s"] = warmUp.TotalSeconds,
                ["warm_up_pct"] = warming,
                ["idle_pct"] = idle,
                ["trickle_pct"] = trickle,
                ["idle_ratio"] = alone == 0 ? 0 : Math.Round(idle / alone, 3),
                ["first_poll_s"] = firstPoll.TotalSeconds,
                ["idle_chart_200"] = idleCounts.Charts200,
                ["idle_chart_304"] = idleCounts.Charts304,
                ["trickle_chart_200"] = trickleCounts.Charts200,
                ["trickle_chart_304"] = trickleCounts.Charts304,
                ["records_sent"] = sent,
                ["refresh_seconds"] = RefreshSeconds,
                ["engine"] = "sqlite",
                ["quick"] = quick,
            });
        }
        finally
        {
            if (!serve.HasExited)
            {
                serve.Kill(entireProcessTree: true);
                await serve.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>N events' rows cleaned and stored straight into the warehouse (no HTTP, no logs): the quickest set-up.</summary>
    private static async Task<(BenchRows Rows, RouteTable Routes)> LoadWarehouseAsync(
        string dataDir, long events, Action<string> say, CancellationToken cancellationToken)
    {
        using var host = PipelineHost.Build(new Dictionary<string, string?> { ["Pipeline:DataDir"] = dataDir });
        var services = host.Services;
        var warehouse = services.GetRequiredService<IWarehouse>();
        await warehouse.EnsureCreatedAsync(cancellationToken);
        var rows = await BenchRows.LoadAsync(services.GetRequiredService<ISourceDatabase>(), events, cancellationToken);
        if ((await warehouse.CountAsync(cancellationToken)).Pins >= events)
        {
            say($"the warehouse holds {events:N0} events already");
            return (rows, services.GetRequiredService<RouteTable>());
        }

        say($"loading {events:N0} events into the warehouse");
        for (long start = 0; start < events; start += LoadChunk)
        {
            await warehouse.PersistAsync(BenchDataset.Clean(rows, start, Math.Min(LoadChunk, events - start)), [], cancellationToken);
        }

        return (rows, services.GetRequiredService<RouteTable>());
    }

    private static Process StartServe(string dataDir, Uri api)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell this program's path to start serve");
        var start = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]); // run as `dotnet Pinterest.Modular.Host.dll`
        }

        foreach (var argument in new[] { "serve", "--data-dir", dataDir, "--urls", api.GetLeftPart(UriPartial.Authority) })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Scheduler__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("serve did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitReadyAsync(HttpClient http, Process serve, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (serve.HasExited)
            {
                throw new InvalidOperationException($"serve exited with code {serve.ExitCode} before it was ready");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException("serve was not ready within 2 minutes");
    }

    /// <summary>The process's CPU time over the window while <paramref name="load"/> runs, as % of one core.</summary>
    private static async Task<double> MeasureAsync(Process serve, TimeSpan window, Func<CancellationToken, Task> load, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        serve.Refresh();
        var cpuBefore = serve.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        stop.CancelAfter(window);
        try
        {
            await load(stop.Token);
            await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // the window is over
        }

        serve.Refresh();
        var cpu = serve.TotalProcessorTime - cpuBefore;
        return Math.Round(cpu.TotalSeconds / clock.Elapsed.TotalSeconds * 100, 2);
    }

    /// <summary>Posts one record at a time on the stream route at <see cref="TrickleRate"/>/s, new events after the loaded ones.</summary>
    // Records new to the warehouse, one kind after another, numbered on from the ones sent before.
    private static async Task<int> TrickleAsync(
        Uri api, RouteTable routes, BenchRows rows, long loaded, int sentBefore, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var started = Stopwatch.StartNew();
        var sent = 0;
        try
        {
            while (true)
            {
                var due = TimeSpan.FromSeconds(sent / TrickleRate) - started.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken);
                }

                var record = sentBefore + sent;
                var kind = RecordKinds.All[record % 3];
                routes.TryGet(kind, Route.Stream, out var stream);
                using var request = PipelineRequests.Create(api, stream, [rows.Row(kind, loaded + (record / 3))], PartitionKeyMode.Ind);
                using var response = await http.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
                sent++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return sent;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>What the dashboard page's script asks every 3 s (dashboard.js), with the ETags it holds for the charts.</summary>
    private sealed class DashboardPoller(HttpClient http)
    {
        private static readonly string[] StatePaths = ["api/stats", "api/jobs/batch?limit=10", "api/rejected?pageSize=8", "api/cluster"];
        private readonly Dictionary<string, System.Net.Http.Headers.EntityTagHeaderValue> _tags = [];
        private PollCounts _counts;

        public PollCounts Snapshot() => _counts;

        public async Task PollEveryAsync(CancellationToken cancellationToken)
        {
            try
            {
                while (true)
                {
                    var next = Task.Delay(PollInterval, cancellationToken);
                    await PollAsync(cancellationToken);
                    await next;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // the window is over
            }
        }

        public async Task PollAsync(CancellationToken cancellationToken)
        {
            await Task.WhenAll(StatePaths.Take(3).Select(path => GetAsync(path, cancellationToken)));
            await GetAsync(StatePaths[3], cancellationToken);
            var charts = await Task.WhenAll(AnalyticsQuery.All.Select(name => ChartAsync(name, cancellationToken)));
            _counts = new PollCounts(_counts.Charts200 + charts.Count(fresh => fresh), _counts.Charts304 + charts.Count(fresh => !fresh));
        }

        private async Task GetAsync(string path, CancellationToken cancellationToken)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        /// <returns>True when the chart came with a body (200), false for a 304.</returns>
        private async Task<bool> ChartAsync(string name, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"dashboard/charts/{name}.svg", UriKind.Relative));
            lock (_tags)
            {
                if (_tags.TryGetValue(name, out var tag))
                {
                    request.Headers.IfNoneMatch.Add(tag);
                }
            }

            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return false;
            }

            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            lock (_tags)
            {
                _tags[name] = response.Headers.ETag!;
            }

            return true;
        }
    }

    private readonly record struct PollCounts(int Charts200, int Charts304)
    {
        public static PollCounts operator -(PollCounts end, PollCounts start) => new(end.Charts200 - start.Charts200, end.Charts304 - start.Charts304);
    }
}

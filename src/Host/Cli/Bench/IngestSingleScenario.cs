using Pinterest.Modular.Application.Emulation;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Host.Api;
using Pinterest.Modular.Host.Api.Client;
using Route = Pinterest.Modular.Application.Routing.Route;

namespace Pinterest.Modular.Host.Cli.Bench;

/// <summary>
/// <c>ingest-single</c>: requests/s of single-record REST-proxy produce requests (how the AWS emulator sends) on the
/// embedded route, against a bare endpoint of the same host, behind the same middleware, that only answers 200.
/// </summary>
public static class IngestSingleScenario
{
    public const string Name = "ingest-single";

    public static async Task<BenchResult> RunAsync(string dataDir, bool quick, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(say);
        var concurrency = 32;
        var duration = TimeSpan.FromSeconds(quick ? 4 : 15);

        // Long enough for the JIT to finish optimising the produce path (the mediator's generic pipes take a few
        // seconds of calls), so the measured figure is the steady state a server runs at, not the first pass.
        var warmUp = TimeSpan.FromSeconds(quick ? 3 : 5);
        await using var app = ApiHost.Build(
            new Dictionary<string, string?> { ["Pipeline:DataDir"] = dataDir, ["Api:RateLimit:PermitsPerSecond"] = "0" },
            ["http://127.0.0.1:0"]);
        app.MapPost("/bench/bare", () => Results.Ok());
        await app.StartAsync(cancellationToken);
        try
        {
            var address = app.BoundAddress();
            var rows = await BenchRows.LoadAsync(app.Services.GetRequiredService<ISourceDatabase>(), SyntheticRows, cancellationToken);
            app.Services.GetRequiredService<RouteTable>().TryGet(RecordKind.Pin, Route.Batch, out var topic);
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseCookies = false });
            HttpRequestMessage Produce(long i) => PipelineRequests.Create(address, topic, [rows.Row(RecordKind.Pin, i)], "partition-1");
            HttpRequestMessage Bare(long i)
            {
                var request = Produce(i);
                request.RequestUri = PipelineRequests.Under(address, "bench/bare");
                return request;
            }

            say($"warming up ({concurrency} clients)");
            await HttpLoad.RunAsync(client, Bare, concurrency, warmUp, cancellationToken);
            await HttpLoad.RunAsync(client, Produce, concurrency, warmUp, cancellationToken);
            say($"baseline: bare endpoint for {duration.TotalSeconds:N0} s");
            var baseline = await HttpLoad.RunAsync(client, Bare, concurrency, duration, cancellationToken);
            say($"measured: POST /topics/{topic.Name}, one record per request, for {duration.TotalSeconds:N0} s");
            var measured = await HttpLoad.RunAsync(client, Produce, concurrency, duration, cancellationToken);
            return new BenchResult(Name, measured.RequestsPerSecond, "requests/s", baseline.RequestsPerSecond, "bare 200 endpoint, same host", new Dictionary<string, object>
            {
                ["p50_ms"] = measured.P50Milliseconds,
                ["p99_ms"] = measured.P99Milliseconds,
                ["baseline_p50_ms"] = baseline.P50Milliseconds,
                ["baseline_p99_ms"] = baseline.P99Milliseconds,
                ["failed"] = measured.Failed + baseline.Failed,
                ["requests"] = measured.Requests,
                ["concurrency"] = concurrency,
                ["duration_s"] = duration.TotalSeconds,
                ["warm_up_s"] = warmUp.TotalSeconds,
                ["quick"] = quick,
            });
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private const int SyntheticRows = 11_153;
}

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
        var duration = TimeSpan.FromSeconds(quick ? 6 : 20);
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
            HttpRequestMessage Produce(long i) => PipelineRequests.Create(address, topic, [rows.Row(RecordKind.Pin, i)], PartitionKeyMode.Fixed);
            HttpRequestMessage Bare(long i)
            {
                var request = Produce(i);
                request.RequestUri = PipelineRequests.Under(address, "bench/bare");
                return request;
            }

            var baseline = new LoadTally();
            var measured = new LoadTally();
            say($"baseline: the bare endpoint; measured: POST /topics/{topic.Name}, one record per request; {concurrency} clients");
            var run = await AlternatingRounds.RunAsync(
                (turn, counts) => HttpLoad.RunAsync(client, Bare, concurrency, turn, counts ? baseline : new LoadTally(), cancellationToken),
                (turn, counts) => HttpLoad.RunAsync(client, Produce, concurrency, turn, counts ? measured : new LoadTally(), cancellationToken),
                duration,
                quick,
                say,
                cancellationToken);
            var (produced, bare) = (measured.Figures(), baseline.Figures());
            var details = new Dictionary<string, object>
            {
                ["p50_ms"] = produced.P50Milliseconds,
                ["p99_ms"] = produced.P99Milliseconds,
                ["baseline_p50_ms"] = bare.P50Milliseconds,
                ["baseline_p99_ms"] = bare.P99Milliseconds,
                ["failed"] = produced.Failed + bare.Failed,
                ["requests"] = produced.Requests,
                ["concurrency"] = concurrency,
                ["duration_s"] = duration.TotalSeconds,
                ["quick"] = quick,
            };
            run.AddTo(details);
            return new BenchResult(Name, produced.RequestsPerSecond, "requests/s", bare.RequestsPerSecond, "bare 200 endpoint, same host", details);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private const int SyntheticRows = 11_153;
}

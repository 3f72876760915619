using System.Text.Json;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Domain.Common;
using Pinterest.Modular.Tests.Integration.Api;
using Pinterest.Modular.Tests.Integration.Telemetry;

namespace Pinterest.Modular.Tests.Integration.Reliability;

/// <summary>
/// <c>pinterest-modular serve</c> as a real child process over a data directory of the test's own, open on one route,
/// with clients posting records of unique keys to it (<see cref="StartLoad"/>), a <c>kill -9</c> at any moment
/// (<see cref="KillAsync"/>: <see cref="System.Diagnostics.Process.Kill(bool)"/> sends SIGKILL on Linux), a restart on
/// the same data directory, a drain of the route, and the check that every acknowledged record was stored exactly once
/// (<see cref="DeliveryCheck"/>). The transport is configuration (<see cref="TransportRows"/>), so Kafka and Kinesis
/// are one more row of a theory.
/// </summary>
internal sealed class HostUnderLoad : IAsyncDisposable
{
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(45);

    private readonly TempDir _dataDir;
    private readonly Dictionary<string, string> _environment;
    private ServeProcess? _serve;

    private HostUnderLoad(
        TempDir dataDir, Route route, IReadOnlyDictionary<string, string?> transport, WarehouseTarget warehouse, IReadOnlyDictionary<string, string?> settings)
    {
        _dataDir = dataDir;
        Route = route;
        Warehouse = warehouse;
        EmbeddedTransport = TransportRows.IsEmbedded(route, transport);
        var all = new Dictionary<string, string?>
        {
            ["Pipeline:TopicPrefix"] = EmulatorPayloads.Prefix,
            ["Scheduler:Enabled"] = "false",

            // Small objects that rotate often, so a kill lands between committed objects, not before the first.
            ["Sink:FlushSize"] = "100",
            ["Sink:RotateIntervalMs"] = "1000",

            // The address is read from the JSON "Now listening on" line.
            ["Logging:Console:FormatterName"] = "json",
        };
        foreach (var kind in RecordKinds.All)
        {
            all[$"Pipeline:Routes:{kind.Name}"] = route.ToString();
        }

        foreach (var (key, value) in transport.Concat(warehouse.Settings).Concat(settings))
        {
            all[key] = value;
        }

        Settings = all;
        _environment = all.Where(s => s.Value is not null).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
    }

    public Route Route { get; }

    /// <summary>Every configuration key serve was started with (the transport's among them), as the test set them.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public WarehouseTarget Warehouse { get; }

    /// <summary>Whether the route runs on the embedded logs in the data directory (which the check then reads).</summary>
    public bool EmbeddedTransport { get; }

    public string DataDir => _dataDir.Path;

    /// <summary>Every key the clients sent and what they were answered, across restarts.</summary>
    public AckLedger Ledger { get; } = new();

    /// <summary>A client of the running host (a new one after each restart: the port changes).</summary>
    public HttpClient Client { get; private set; } = null!;

    public int ProcessId => _serve?.ProcessId ?? throw new InvalidOperationException("serve is not running.");

    /// <summary>What serve logged at warning level or above so far (JSON lines): printed when an answer surprises a test.</summary>
    public IReadOnlyList<string> ServeProblems => _serve?.StdoutLines
        .Where(l => l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || l.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal) || l.Contains("\"LogLevel\":\"Warning\"", StringComparison.Ordinal))
        .ToList() ?? [];

    /// <param name="transport">Settings of the route's transport: a row of <see cref="TransportRows"/>.</param>
    /// <param name="database"><see cref="WarehouseTarget.Sqlite"/>, <see cref="WarehouseTarget.Postgres"/> or <see cref="WarehouseTarget.MySql"/>.</param>
    /// <param name="settings">Anything else, e.g. both routes open for the soak.</param>
    /// <param name="mariaDb">The collection's MariaDB, for <see cref="WarehouseTarget.MySql"/>.</param>
    public static async Task<HostUnderLoad> StartAsync(
        Route route,
        IReadOnlyDictionary<string, string?> transport,
        string database,
        IReadOnlyDictionary<string, string?>? settings = null,
        MariaDbOnDemand? mariaDb = null)
    {
        var dataDir = new TempDir("pm-reliab-");
        WarehouseTarget warehouse;
        try
        {
            warehouse = await WarehouseTarget.CreateAsync(database, dataDir.Path, mariaDb: mariaDb);
        }
        catch
        {
            dataDir.Dispose();
            throw;
        }

        var host = new HostUnderLoad(dataDir, route, transport, warehouse, settings ?? new Dictionary<string, string?>());
        try
        {
            await host.RestartAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts serve (again) on the data directory and waits until it listens.</summary>
    public async Task RestartAsync()
    {
        if (_serve is not null)
        {
            throw new InvalidOperationException("serve is still running; kill it first.");
        }

        _serve = ServeProcess.Start(DataDir, _environment);
        var listening = await _serve.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), "its address");
        var address = JsonDocument.Parse(listening).RootElement.GetProperty("State").GetProperty("address").GetString()!;
        Client?.Dispose();
        Client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Clients posting to this host's route with <see cref="Ledger"/>; stop them before killing or draining.</summary>
    public PostingLoad StartLoad(int clients, int recordsPerRequest, TimeSpan? pace = null) =>
        PostingLoad.Start(Client, Route, Ledger, clients, recordsPerRequest, pace);

    /// <summary>Waits until at least <paramref name="count"/> records have been acknowledged in all.</summary>
    public Task WaitForAcksAsync(int count) => Poll.UntilAsync(
        () => Task.FromResult(Ledger.AckedCount), n => n >= count, $"{count} acknowledged records", TimeSpan.FromSeconds(60));

    /// <summary>SIGKILL: no shutdown hook runs, nothing is flushed; whatever was not durable is gone.</summary>
    public async Task KillAsync()
    {
        if (_serve is null)
        {
            return;
        }

        await _serve.DisposeAsync();
        _serve = null;
    }

    /// <summary>
    /// Gets everything accepted into the warehouse: on the batch route a run of the batch job (it lands what the sink
    /// holds first) that must succeed; on the stream route, until each stream's checkpoint reaches its last record.
    /// Then /api/stats must agree: every accepted record landed (topics) or processed (streams).
    /// </summary>
    public async Task DrainAsync()
    {
        if (Route == Route.Batch && !EmbeddedTransport)
        {
            // The run lands only what this host's sink member owns when it starts; after a restart the member owns
            // nothing until the group has rebalanced (the killed member's session expires first). So wait until the
            // group has landed everything, on its own clock, before the run that stores it.
            await UntilEveryAcceptedRecordAsync("topics", "landed");
        }

        if (Route == Route.Batch)
        {
            var (_, _, ended) = await Client.RunBatchJobAsync();
            ended.GetProperty("status").GetString().Should().Be("succeeded", "the batch run after the restart must succeed: {0}", ended);
        }

        var section = Route == Route.Batch ? "topics" : "streams";
        var done = Route == Route.Batch ? "landed" : "processed";
        if (!EmbeddedTransport && Route == Route.Stream)
        {
            // Kinesis does not say how many records a stream holds, so they are counted by reading the shards (the load
            // is over, so the count is final). Not the acknowledged count: records whose answer the kill cut off may be
            // in the stream too, and counting to the acknowledged ones alone passed with acknowledged records unread.
            long held = 0;
            foreach (var kind in RecordKinds.All)
            {
                held += (await TransportLog.ReadKeysAsync(this, kind)).Count;
            }

            // The processed count is exact: it is stored with the rows.
            await Poll.UntilAsync(
                async () => await Client.GetJsonAsync("api/stats"),
                stats => stats.GetProperty(section).EnumerateArray().Sum(d => d.GetProperty(done).GetInt64()) >= held,
                $"all {held} records in the streams {done}",
                DrainDeadline);
            return;
        }

        await UntilEveryAcceptedRecordAsync(section, done);
    }

    /// <summary>Kills the host (the logs must be closed to be read) and checks every stage, see <see cref="DeliveryCheck"/>.</summary>
    public async Task AssertEveryAckedRecordStoredOnceAsync()
    {
        await KillAsync();
        await new DeliveryCheck(this).AssertAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client?.Dispose();
        await Warehouse.DisposeAsync();
        _dataDir.Dispose();
    }

    /// <summary>Until /api/stats counts as many records <paramref name="done"/> as accepted in every destination of the section.</summary>
    private Task<JsonElement> UntilEveryAcceptedRecordAsync(string section, string done) => Poll.UntilAsync(
        async () => await Client.GetJsonAsync("api/stats"),
        stats => stats.GetProperty(section).EnumerateArray().All(d => d.GetProperty(done).GetInt64() == d.GetProperty("accepted").GetInt64()),
        $"every accepted record {done}",
        DrainDeadline);
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Pinterest.Modular.Tests.Integration.Cli;
using static Pinterest.Modular.Tests.Integration.Database.LandedRows;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The CLI as a user runs it with <c>Database__Provider</c> set to a server engine: migrate, seed, emulate, batch and
/// query, answering as on SQLite. One subclass per server engine (SQLite's CLI is what the Cli tests run).
/// </summary>
public abstract partial class ServerCliContract : IAsyncLifetime, IDisposable
{
    private protected const string Secret = "pm-secret-7f3a9c";

    private readonly TempDir dataDir = new("pm-server-cli-");
    private IServerDatabase database = null!;

    /// <summary>The <c>Database:Provider</c> value under test.</summary>
    private protected abstract string Provider { get; }

    /// <summary>SQL giving the ids in EF's migrations history table, in order.</summary>
    private protected abstract string MigrationIdsSql { get; }

    /// <summary>What the engine's driver says of a server it cannot reach at all.</summary>
    private protected abstract string UnreachableSays { get; }

    private protected string DataDir => dataDir.Path;

    public Task InitializeAsync()
    {
        // Not created: migrate must make it.
        database = MissingDatabase();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Migrate_OnAFreshServer_CreatesTheDatabaseAndAppliesEveryMigration_ThenNothing()
    {
        var first = (await RunAsync(database.ConnectionString, "migrate")).ShouldSucceed();
        var second = (await RunAsync(database.ConnectionString, "migrate")).ShouldSucceed();

        first.StdoutLines.Should().NotBeEmpty().And.OnlyContain(line => MigrationId().IsMatch(line));
        first.StderrUnwrapped.Should().Contain($"Applied {first.StdoutLines.Count} migration(s) to the {Provider} warehouse.");
        (await database.ColumnAsync(MigrationIdsSql)).Should().Equal(first.StdoutLines);
        (await database.CountAsync("pins")).Should().Be(0);
        second.Stdout.Should().BeEmpty();
        second.StderrUnwrapped.Should().Contain($"The {Provider} warehouse is up to date; nothing to apply.");
    }

    [Fact]
    public async Task Migrate_ThreeAtOnceOnAFreshServer_OneAppliesEveryMigration_TheOthersWait_AndNoneLogsAFailure()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunAsync(database.ConnectionString, "migrate")));

        runs.Should().OnlyContain(run => run.ExitCode == 0);
        runs.Should().OnlyContain(run => !run.Stderr.Contains("fail:", StringComparison.Ordinal), "a fresh database is no failure");
        var applied = runs.Where(run => run.StdoutLines.Count > 0).ToList();
        applied.Should().ContainSingle("the others find nothing pending once the first is done");
        (await database.ColumnAsync(MigrationIdsSql)).Should().Equal(applied[0].StdoutLines);
    }

    [Fact]
    public async Task Hosts_ThreeStartingAtOnceWithMigrateOnAFreshServer_AllStart()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            RunAsync(database.ConnectionString, "jobs", "list", "--format", "json", ("Database__Migrate", "true"))));

        runs.Should().OnlyContain(run => run.ExitCode == 0 && run.Stdout.Trim() == "[]");
        runs.Should().OnlyContain(run => !run.Stderr.Contains("fail:", StringComparison.Ordinal));
        (await database.CountAsync("leases")).Should().Be(0);
    }

    [Fact]
    public async Task Migrate_WhenTheServerIsUnreachable_ExitsOneWithoutThePassword()
    {
        var output = await RunAsync(database.Unreachable(Secret), "migrate");

        output.ShouldFailWith(1, UnreachableSays);
        output.Stdout.Should().NotContain(Secret);
        output.Stderr.Should().NotContain(Secret);
    }

    [Fact]
    public async Task Query_WhenTheProviderHasNoConnectionString_ExitsTwoNamingTheKey()
    {
        var output = await CliProcess.RunAsync(new CliCall(["query", "--data-dir", dataDir.Path])
        {
            Environment = new Dictionary<string, string> { ["Database__Provider"] = Provider },
        });

        output.ShouldFailWith(2, $"ConnectionStrings:Warehouse must be set when Database:Provider is {Provider}");
    }

    [Fact]
    public async Task Batch_BeforeMigrate_ExitsOneSayingToRunMigrate()
    {
        var output = await RunAsync(database.ConnectionString, "batch");

        output.ShouldFailWith(1, $"The {Provider} warehouse schema is not up to date", "pinterest-modular migrate");
    }

    [Fact]
    public Task BatchTwiceAndQuery_StoreOnceAndAnswerAsOnSqlite() =>
        BatchTwiceAndQueryAsync(dataDir.Path, args => RunAsync(database.ConnectionString, args), CountsAsync);

    [Fact]
    public async Task SeedThenEmulate_WritesTheSourceTablesIntoTheWarehouseDatabase_AndPostsTheRowsAsFromTheSqliteSource()
    {
        var posted = await SeedThenEmulateOnBothAsync("--events", "5");

        posted.Should().HaveCount(15);
    }

    /// <summary>
    /// <c>--random</c> is the AWS emulator's access pattern: one row by offset per table and event (spec §6), which is
    /// how it read RDS MySQL. The same seed picks the same offsets, so both sources must post the same rows.
    /// </summary>
    [Fact]
    public async Task SeedThenEmulateRandom_ReadsEachRowByOffsetAsTheSqliteSourceDoes()
    {
        var posted = await SeedThenEmulateOnBothAsync("--events", "8", "--random", "--seed", "5", "--rate", "500");

        posted.Should().HaveCount(24);
        var pinKeys = posted.Where(p => p.Path.EndsWith(".pin", StringComparison.Ordinal)).Select(p => PinIndex(p.Body)).ToList();
        pinKeys.Should().NotBeEquivalentTo(Enumerable.Range(0, 8), "--random reads rows by random offsets, not in order");
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    public void Dispose()
    {
        dataDir.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A database of the engine under test that does not exist yet.</summary>
    private protected abstract IServerDatabase MissingDatabase();

    /// <summary>A new, empty database of the engine under test.</summary>
    private protected abstract Task<IServerDatabase> CreateDatabaseAsync();

    /// <summary>Runs the CLI on the engine under test; the arguments are strings, with (name, value) pairs for the environment.</summary>
    private protected Task<CliOutput> RunAsync(string connectionString, params object[] argsAndEnvironment)
    {
        var args = argsAndEnvironment.OfType<string>().Concat(["--data-dir", dataDir.Path]).ToList();
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = Provider,
            ["ConnectionStrings__Warehouse"] = connectionString,
        };
        foreach (var (name, value) in argsAndEnvironment.OfType<(string, string)>())
        {
            environment[name] = value;
        }

        return CliProcess.RunAsync(new CliCall(args) { Environment = environment });
    }

    [GeneratedRegex(@"^\d{14}_\w+$")]
    private protected static partial Regex MigrationId();

    /// <summary>
    /// Seeds 40 rows into a new database of the engine under test and into a SQLite source, runs the same
    /// <c>emulate</c> against each, and returns what the server-sourced run posted after checking the SQLite run posted
    /// the same requests.
    /// </summary>
    private async Task<IReadOnlyList<(string Path, string Body)>> SeedThenEmulateOnBothAsync(params string[] emulateOptions)
    {
        await using var created = await CreateDatabaseAsync();
        using var sqliteDir = new TempDir("pm-server-cli-sqlite-");
        await using var serverApi = await RecordingApi.StartAsync();
        await using var sqliteApi = await RecordingApi.StartAsync();

        var seeded = (await RunAsync(created.ConnectionString, "seed", "--rows", "40")).ShouldSucceed();
        (await CliProcess.RunAsync("seed", "--data-dir", sqliteDir.Path, "--rows", "40")).ShouldSucceed();
        (await RunAsync(created.ConnectionString, ["emulate", "--api", serverApi.BaseAddress.ToString(), "--mode", "batch", .. emulateOptions])).ShouldSucceed();
        (await CliProcess.RunAsync(["emulate", "--data-dir", sqliteDir.Path, "--api", sqliteApi.BaseAddress.ToString(), "--mode", "batch", .. emulateOptions])).ShouldSucceed();

        seeded.StderrUnwrapped.Should().Contain("Seeded 40 rows");
        (await created.CountAsync("pinterest_data")).Should().Be(40);
        (await created.CountAsync("geolocation_data")).Should().Be(40);
        (await created.CountAsync("user_data")).Should().Be(40);
        Directory.EnumerateFiles(dataDir.Path, "*.db", SearchOption.AllDirectories).Should().BeEmpty("nothing goes to SQLite");
        var posted = serverApi.Requests.Select(request => (request.Path, Body: request.BodyText)).ToList();
        posted.Should().BeEquivalentTo(sqliteApi.Requests.Select(request => (request.Path, Body: request.BodyText)));
        return posted;
    }

    private static long PinIndex(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("records")[0].GetProperty("value").GetProperty("index").GetInt64();
    }

    private async Task<long[]> CountsAsync() =>
        [await database.CountAsync("pins"), await database.CountAsync("geo"), await database.CountAsync("users"), await database.CountAsync("rejected_records")];
}

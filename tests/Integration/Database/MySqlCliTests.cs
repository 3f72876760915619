using System.Text.Json;
using System.Text.RegularExpressions;
using Pinterest.Modular.Tests.Integration.Cli;
using static Pinterest.Modular.Tests.Integration.Database.LandedRows;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>
/// The CLI as a user runs it with <c>Database__Provider=MySql</c> against the collection's MariaDB container: migrate,
/// seed, emulate, batch and query, answering as on SQLite.
/// </summary>
[Collection(MariaDbGroup.Name)]
public sealed partial class MySqlCliTests(MariaDbServer server) : IAsyncLifetime, IDisposable
{
    private const string Secret = "pm-secret-7f3a9c";

    private readonly TempDir dataDir = new("pm-mysql-cli-");
    private MySqlDatabase database = null!;

    public Task InitializeAsync()
    {
        // Not created: migrate must make it.
        database = MySqlDatabase.Named(server);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Migrate_OnAFreshServer_CreatesTheDatabaseAndAppliesEveryMigration_ThenNothing()
    {
        var first = (await RunAsync(database.ConnectionString, "migrate")).ShouldSucceed();
        var second = (await RunAsync(database.ConnectionString, "migrate")).ShouldSucceed();

        first.StdoutLines.Should().NotBeEmpty().And.OnlyContain(line => MigrationId().IsMatch(line));
        first.StderrUnwrapped.Should().Contain($"Applied {first.StdoutLines.Count} migration(s) to the MySql warehouse.");
        (await database.ColumnAsync("SELECT MigrationId FROM __EFMigrationsHistory ORDER BY 1")).Should().Equal(first.StdoutLines);
        second.Stdout.Should().BeEmpty();
        second.StderrUnwrapped.Should().Contain("The MySql warehouse is up to date; nothing to apply.");
    }

    [Fact]
    public async Task Migrate_ThreeAtOnceOnAFreshServer_OneAppliesEveryMigration_TheOthersWait_AndNoneLogsAFailure()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunAsync(database.ConnectionString, "migrate")));

        runs.Should().OnlyContain(run => run.ExitCode == 0);
        runs.Should().OnlyContain(run => !run.Stderr.Contains("fail:", StringComparison.Ordinal), "a fresh database is no failure");
        var applied = runs.Where(run => run.StdoutLines.Count > 0).ToList();
        applied.Should().ContainSingle("the others find nothing pending once the first is done");
        (await database.ColumnAsync("SELECT MigrationId FROM __EFMigrationsHistory ORDER BY 1")).Should().Equal(applied[0].StdoutLines);
    }

    [Fact]
    public async Task Migrate_WhenTheServerIsUnreachable_ExitsOneWithoutThePassword()
    {
        var unreachable = database.With(builder =>
        {
            builder.Port = 1;
            builder.Password = Secret;
            builder.ConnectionTimeout = 3;
        });

        var output = await RunAsync(unreachable, "migrate");

        output.ShouldFailWith(1);
        output.Stdout.Should().NotContain(Secret);
        output.Stderr.Should().NotContain(Secret);
    }

    [Fact]
    public async Task Query_WhenMySqlHasNoConnectionString_ExitsTwoNamingTheKey()
    {
        var output = await CliProcess.RunAsync(new CliCall(["query", "--data-dir", dataDir.Path])
        {
            Environment = new Dictionary<string, string> { ["Database__Provider"] = "MySql" },
        });

        output.ShouldFailWith(2, "ConnectionStrings:Warehouse must be set when Database:Provider is MySql");
    }

    [Fact]
    public Task BatchTwiceAndQuery_OnMySql_StoreOnceAndAnswerAsOnSqlite() =>
        BatchTwiceAndQueryAsync(dataDir.Path, args => RunAsync(database.ConnectionString, args), CountsAsync);

    [Fact]
    public async Task SeedThenEmulate_OnMySql_PostsTheRowsAsFromTheSqliteSource()
    {
        var posted = await SeedThenEmulateOnBothAsync("--events", "5");

        posted.Should().HaveCount(15);
    }

    /// <summary>
    /// <c>--random</c> is the AWS emulator's access pattern: one row by offset per table and event (spec §6), which is
    /// how it read RDS MySQL. The same seed picks the same offsets, so both sources must post the same rows.
    /// </summary>
    [Fact]
    public async Task SeedThenEmulateRandom_OnMySql_ReadsEachRowByOffsetAsTheSqliteSourceDoes()
    {
        var posted = await SeedThenEmulateOnBothAsync("--events", "8", "--random", "--seed", "5", "--rate", "500");

        posted.Should().HaveCount(24);
        var pinKeys = posted.Where(p => p.Path.EndsWith(".pin", StringComparison.Ordinal)).Select(p => PinIndex(p.Body)).ToList();
        pinKeys.Should().NotBeEquivalentTo(Enumerable.Range(0, 8), "--random reads rows by random offsets, not in order");
    }

    /// <summary>
    /// Seeds 40 rows into the collection's MariaDB and into a SQLite source, runs the same <c>emulate</c> against each,
    /// and returns what the MySQL run posted after checking the SQLite run posted the same requests.
    /// </summary>
    private async Task<IReadOnlyList<(string Path, string Body)>> SeedThenEmulateOnBothAsync(params string[] emulateOptions)
    {
        await using var created = await MySqlDatabase.CreateAsync(server);
        using var sqliteDir = new TempDir("pm-mysql-cli-sqlite-");
        await using var mysqlApi = await RecordingApi.StartAsync();
        await using var sqliteApi = await RecordingApi.StartAsync();

        var seeded = (await RunAsync(created.ConnectionString, "seed", "--rows", "40")).ShouldSucceed();
        (await CliProcess.RunAsync("seed", "--data-dir", sqliteDir.Path, "--rows", "40")).ShouldSucceed();
        (await RunAsync(created.ConnectionString, ["emulate", "--api", mysqlApi.BaseAddress.ToString(), "--mode", "batch", .. emulateOptions])).ShouldSucceed();
        (await CliProcess.RunAsync(["emulate", "--data-dir", sqliteDir.Path, "--api", sqliteApi.BaseAddress.ToString(), "--mode", "batch", .. emulateOptions])).ShouldSucceed();

        seeded.StderrUnwrapped.Should().Contain("Seeded 40 rows");
        (await created.CountAsync("pinterest_data")).Should().Be(40);
        (await created.CountAsync("geolocation_data")).Should().Be(40);
        (await created.CountAsync("user_data")).Should().Be(40);
        Directory.EnumerateFiles(dataDir.Path, "*.db", SearchOption.AllDirectories).Should().BeEmpty("nothing goes to SQLite");
        var posted = mysqlApi.Requests.Select(request => (request.Path, Body: request.BodyText)).ToList();
        posted.Should().BeEquivalentTo(sqliteApi.Requests.Select(request => (request.Path, Body: request.BodyText)));
        return posted;
    }

    private static long PinIndex(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("records")[0].GetProperty("value").GetProperty("index").GetInt64();
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    public void Dispose() => dataDir.Dispose();

    private Task<CliOutput> RunAsync(string connectionString, params string[] args) =>
        CliProcess.RunAsync(new CliCall([.. args, "--data-dir", dataDir.Path])
        {
            Environment = new Dictionary<string, string>
            {
                ["Database__Provider"] = "MySql",
                ["ConnectionStrings__Warehouse"] = connectionString,
            },
        });

    private async Task<long[]> CountsAsync() =>
        [await database.CountAsync("pins"), await database.CountAsync("geo"), await database.CountAsync("users"), await database.CountAsync("rejected_records")];

    [GeneratedRegex(@"^\d{14}_\w+$")]
    private static partial Regex MigrationId();
}

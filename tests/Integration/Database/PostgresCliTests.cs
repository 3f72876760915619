using System.Text.RegularExpressions;
using Npgsql;
using Pinterest.Modular.Tests.Integration.Cli;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>The CLI as a user runs it with <c>Database__Provider=Postgres</c>: migrate, seed, batch and query.</summary>
[Collection(CliTestGroup.Name)]
public sealed partial class PostgresCliTests : IAsyncLifetime, IDisposable
{
    private const string Secret = "pm-secret-7f3a9c";

    private readonly TempDir dataDir = new("pm-pg-cli-");
    private PostgresDatabase database = null!;

    public Task InitializeAsync()
    {
        // Not created: migrate must make it.
        database = PostgresDatabase.Named();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Migrate_OnAFreshServer_CreatesTheDatabaseAndAppliesEveryMigration_ThenNothing()
    {
        var first = (await RunAsync(database.ConnectionString, "migrate")).ShouldSucceed();
        var second = (await RunAsync(database.ConnectionString, "migrate")).ShouldSucceed();

        first.StdoutLines.Should().NotBeEmpty().And.OnlyContain(line => MigrationId().IsMatch(line));
        first.StderrUnwrapped.Should().Contain($"Applied {first.StdoutLines.Count} migration(s) to the Postgres warehouse.");
        (await database.ColumnAsync("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1")).Should().Equal(first.StdoutLines);
        (await database.CountAsync("pins")).Should().Be(0);
        second.Stdout.Should().BeEmpty();
        second.StderrUnwrapped.Should().Contain("The Postgres warehouse is up to date; nothing to apply.");
    }

    [Fact]
    public async Task Migrate_ThreeAtOnceOnAFreshServer_OneAppliesEveryMigration_TheOthersWait_AndNoneLogsAFailure()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => RunAsync(database.ConnectionString, "migrate")));

        runs.Should().OnlyContain(run => run.ExitCode == 0);
        runs.Should().OnlyContain(run => !run.Stderr.Contains("fail:", StringComparison.Ordinal), "a fresh database is no failure");
        var applied = runs.Where(run => run.StdoutLines.Count > 0).ToList();
        applied.Should().ContainSingle("the others find nothing pending once the first is done");
        (await database.ColumnAsync("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1")).Should().Equal(applied[0].StdoutLines);
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
    public async Task Migrate_OnTheSqliteDefault_CreatesTheWarehouseFileInTheDataDir()
    {
        var output = (await CliProcess.RunAsync("migrate", "--data-dir", dataDir.Path)).ShouldSucceed();

        output.StdoutLines.Should().NotBeEmpty().And.OnlyContain(line => MigrationId().IsMatch(line));
        output.StderrUnwrapped.Should().Contain("to the Sqlite warehouse.");
        SqliteFile.Count(dataDir.Combine("warehouse.db"), "pins").Should().Be(0);
    }

    [Fact]
    public async Task Migrate_LoggingEverything_NeverPrintsTheConnectionStringOrItsPassword()
    {
        var connectionString = database.With(builder => builder.Password = Secret);

        var output = (await RunAsync(connectionString, "migrate", ("Logging__LogLevel__Default", "Trace"), ("Logging__LogLevel__Microsoft", "Trace"))).ShouldSucceed();

        output.Stderr.Should().Contain("Microsoft.EntityFrameworkCore", "the test needs the logs on to mean anything");
        output.Stdout.Should().NotContain(Secret);
        output.Stderr.Should().NotContain(Secret).And.NotContain(connectionString);
    }

    [Fact]
    public async Task Migrate_WhenTheServerIsUnreachable_ExitsOneWithoutThePassword()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = 1, Password = Secret, Timeout = 3 }.ConnectionString;

        var output = await RunAsync(unreachable, "migrate");

        output.ShouldFailWith(1, "127.0.0.1:1");
        output.Stderr.Should().NotContain(Secret);
    }

    [Fact]
    public async Task Query_WhenPostgresHasNoConnectionString_ExitsTwoNamingTheKey()
    {
        var output = await CliProcess.RunAsync(new CliCall(["query", "--data-dir", dataDir.Path])
        {
            Environment = new Dictionary<string, string> { ["Database__Provider"] = "Postgres" },
        });

        output.ShouldFailWith(2, "ConnectionStrings:Warehouse must be set when Database:Provider is Postgres");
    }

    [Fact]
    public async Task Batch_BeforeMigrate_ExitsOneSayingToRunMigrate()
    {
        var output = await RunAsync(database.ConnectionString, "batch");

        output.ShouldFailWith(1, "The Postgres warehouse schema is not up to date", "pinterest-modular migrate");
    }

    [Fact]
    public async Task BatchTwiceAndQuery_OnPostgres_StoreOnceAndAnswerAsOnSqlite()
    {
        using var sqliteDir = new TempDir("pm-pg-cli-sqlite-");
        foreach (var dir in new[] { dataDir.Path, sqliteDir.Path })
        {
            Land(dir, "pin", 0, Pin(1, "travel", "12k"), Pin(2, "quotes", "3"), Pin(4, "art", "5"));
            Land(dir, "pin", 3, Pin(2, "travel", "4k"), Pin(3, "art", "1M"), """{"unique_id":"no key"}""");
            Land(dir, "geo", 0, Geo(1, "Chad"), Geo(2, "Chad"), Geo(3, "Åland"), Geo(4, "Åland"));
            Land(dir, "user", 0, User(1, 22), User(2, 30), User(3, 44), User(4, 61));
        }

        (await RunAsync(database.ConnectionString, "migrate")).ShouldSucceed();
        var first = (await RunAsync(database.ConnectionString, "batch")).ShouldSucceed();
        var afterFirst = await CountsAsync();
        var second = (await RunAsync(database.ConnectionString, "batch")).ShouldSucceed();
        var postgres = (await RunAsync(database.ConnectionString, "query", "--format", "json")).ShouldSucceed();
        (await CliProcess.RunAsync("batch", "--data-dir", sqliteDir.Path)).ShouldSucceed();
        var sqlite = (await CliProcess.RunAsync("query", "--data-dir", sqliteDir.Path, "--format", "json")).ShouldSucceed();

        first.StderrUnwrapped.Should().MatchRegex(@"succeeded in [\d.]+ s: 4 objects read, 12 rows upserted, 1 rejected");
        second.StderrUnwrapped.Should().MatchRegex(@"succeeded in [\d.]+ s: 0 objects read, 0 rows upserted, 0 rejected");
        afterFirst.Should().Equal(4, 4, 4, 1);
        (await CountsAsync()).Should().Equal(afterFirst);
        postgres.Stdout.Should().Contain("\"Chad\"").And.Be(sqlite.Stdout);
    }

    [Fact]
    public async Task Seed_OnPostgres_WritesTheSourceTablesIntoTheWarehouseDatabase()
    {
        await using var created = await PostgresDatabase.CreateAsync();

        var output = (await RunAsync(created.ConnectionString, "seed", "--rows", "40")).ShouldSucceed();

        output.StderrUnwrapped.Should().Contain("Seeded 40 rows");
        (await created.CountAsync("pinterest_data")).Should().Be(40);
        (await created.CountAsync("geolocation_data")).Should().Be(40);
        (await created.CountAsync("user_data")).Should().Be(40);
        Directory.EnumerateFiles(dataDir.Path, "*.db", SearchOption.AllDirectories).Should().BeEmpty("nothing goes to SQLite");
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    public void Dispose() => dataDir.Dispose();

    private Task<CliOutput> RunAsync(string connectionString, params object[] argsAndEnvironment)
    {
        var args = argsAndEnvironment.OfType<string>().Concat(["--data-dir", dataDir.Path]).ToList();
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Warehouse"] = connectionString,
        };
        foreach (var (name, value) in argsAndEnvironment.OfType<(string, string)>())
        {
            environment[name] = value;
        }

        return CliProcess.RunAsync(new CliCall(args) { Environment = environment });
    }

    private async Task<long[]> CountsAsync() =>
        [await database.CountAsync("pins"), await database.CountAsync("geo"), await database.CountAsync("users"), await database.CountAsync("rejected_records")];

    private static void Land(string dataDir, string kind, int startOffset, params string[] rows)
    {
        var topic = $"pinterest.{kind}";
        var folder = Path.Combine(dataDir, "landing", "topics", topic, "partition=0");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{topic}+0+{startOffset:D10}.json"), string.Join('\n', rows) + "\n");
    }

    private static string Pin(int ind, string category, string followers) =>
        $$"""{"index":{{ind}},"unique_id":"00000000-0000-0000-0000-00000000000{{ind}}","title":"t","description":"d","poster_name":"p{{ind}}","follower_count":"{{followers}}","tag_list":"a,b","is_image_or_video":"image","image_src":"https://i.pinimg.com/originals/aa/bb/cc/x.jpg","downloaded":1,"save_location":"Local save in /data/{{category}}","category":"{{category}}"}""";

    private static string Geo(int ind, string country) =>
        $$"""{"ind":{{ind}},"timestamp":"2019-0{{ind}}-01 10:00:00","latitude":10.5,"longitude":-20.25,"country":"{{country}}"}""";

    private static string User(int ind, int age) =>
        $$"""{"ind":{{ind}},"first_name":"Ann","last_name":"Lee","age":{{age}},"date_joined":"2016-01-0{{ind}} 08:00:00"}""";

    [GeneratedRegex(@"^\d{14}_\w+$")]
    private static partial Regex MigrationId();
}

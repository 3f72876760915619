using System.Text.RegularExpressions;
using Npgsql;
using Pinterest.Modular.Tests.Integration.Cli;
using static Pinterest.Modular.Tests.Integration.Database.LandedRows;

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
    public Task BatchTwiceAndQuery_OnPostgres_StoreOnceAndAnswerAsOnSqlite() =>
        BatchTwiceAndQueryAsync(dataDir.Path, args => RunAsync(database.ConnectionString, args), CountsAsync);

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

    [GeneratedRegex(@"^\d{14}_\w+$")]
    private static partial Regex MigrationId();
}

using Pinterest.Modular.Tests.Integration.Cli;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>The CLI with <c>Database__Provider=Postgres</c>.</summary>
[Collection(CliTestGroup.Name)]
public sealed class PostgresCliTests : ServerCliContract
{
    private PostgresDatabase database = null!;

    private protected override string Provider => "Postgres";

    private protected override string MigrationIdsSql => "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1";

    private protected override string UnreachableSays => "127.0.0.1:1";

    /// <summary>SQLite's default beside the server runs, checked once (here) rather than once per server engine.</summary>
    [Fact]
    public async Task Migrate_OnTheSqliteDefault_CreatesTheWarehouseFileInTheDataDir()
    {
        var output = (await CliProcess.RunAsync("migrate", "--data-dir", DataDir)).ShouldSucceed();

        output.StdoutLines.Should().NotBeEmpty().And.OnlyContain(line => MigrationId().IsMatch(line));
        output.StderrUnwrapped.Should().Contain("to the Sqlite warehouse.");
        SqliteFile.Count(Path.Combine(DataDir, "warehouse.db"), "pins").Should().Be(0);
    }

    /// <summary>
    /// A made-up password in a working connection string: only a server that does not check it (the test PostgreSQL
    /// trusts local connections; the MariaDB container does not) lets migrate run with it.
    /// </summary>
    [Fact]
    public async Task Migrate_LoggingEverything_NeverPrintsTheConnectionStringOrItsPassword()
    {
        var connectionString = database.With(builder => builder.Password = Secret);

        var output = (await RunAsync(connectionString, "migrate", ("Logging__LogLevel__Default", "Trace"), ("Logging__LogLevel__Microsoft", "Trace"))).ShouldSucceed();

        output.Stderr.Should().Contain("Microsoft.EntityFrameworkCore", "the test needs the logs on to mean anything");
        output.Stdout.Should().NotContain(Secret);
        output.Stderr.Should().NotContain(Secret).And.NotContain(connectionString);
    }

    private protected override IServerDatabase MissingDatabase() => database = PostgresDatabase.Named();

    private protected override async Task<IServerDatabase> CreateDatabaseAsync() => await PostgresDatabase.CreateAsync();
}

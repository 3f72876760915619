using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Routing;
using Pinterest.Modular.Infrastructure.Database;

namespace Pinterest.Modular.Tests.Integration.Database;

/// <summary>How <c>Database:*</c> and <c>ConnectionStrings:*</c> read for each engine; no server needed.</summary>
public sealed class DatabaseOptionsTests
{
    private const string Secret = "pm-secret-5c1e";

    [Fact]
    public void Options_ForPostgres_DoNotMigrateAtStartAndReadTheSourceFromTheWarehouseDatabase()
    {
        var provider = Provider(new()
        {
            ["Database:Provider"] = "postgres",
            ["ConnectionStrings:Warehouse"] = "Host=db.internal;Database=pinterest;Username=app",
        });

        provider.Name.Should().Be("Postgres");
        provider.MigratesAtStart.Should().BeFalse();
        provider.SourceConnectionString.Should().Be("Host=db.internal;Database=pinterest;Username=app");
    }

    [Fact]
    public void Options_ForMySql_DoNotMigrateAtStartAndReadTheSourceFromTheWarehouseDatabase()
    {
        var provider = Provider(new()
        {
            ["Database:Provider"] = "mysql",
            ["ConnectionStrings:Warehouse"] = "Server=db.internal;Database=pinterest;User ID=app",
        });

        provider.Name.Should().Be("MySql");
        provider.MigratesAtStart.Should().BeFalse();
        provider.SourceConnectionString.Should().Be("Server=db.internal;Database=pinterest;User ID=app");
    }

    [Theory]
    [InlineData("Server=db.internal;User ID=app;Password=" + Secret, "it names no database")]
    [InlineData("Server=db.internal;Database=p;Password=" + Secret + ";Colour=blue", "colour")]
    public void Options_ForMySqlWithAnUnusableConnectionString_FailNamingTheKeyButNotThePassword(string connectionString, string why)
    {
        var read = () => Provider(new()
        {
            ["Database:Provider"] = "MySql",
            ["ConnectionStrings:Warehouse"] = connectionString,
        });

        var failure = read.Should().Throw<OptionsValidationException>().Which;
        failure.Message.Should().Contain("ConnectionStrings:Warehouse cannot be used by MySql").And.NotContain(Secret);
        failure.Message.Should().ContainEquivalentOf(why);
    }

    [Fact]
    public void Options_ForSqlite_MigrateAtStartAndKeepTheSourceFileInTheDataDir()
    {
        var provider = Provider([]);

        provider.Name.Should().Be("Sqlite");
        provider.MigratesAtStart.Should().BeTrue();
        provider.SourceConnectionString.Should().Be("Data Source=/srv/pipeline/source.db");
    }

    [Theory]
    [InlineData("Sqlite", "false", false)]
    [InlineData("Postgres", "true", true)]
    [InlineData("Postgres", " True ", true)]
    public void Options_DatabaseMigrate_OverridesTheEngineDefault(string engine, string migrate, bool expected)
    {
        var provider = Provider(new()
        {
            ["Database:Provider"] = engine,
            ["Database:Migrate"] = migrate,
            ["ConnectionStrings:Warehouse"] = engine == "Sqlite" ? "Data Source=/tmp/w.db" : "Host=localhost",
        });

        provider.MigratesAtStart.Should().Be(expected);
    }

    [Fact]
    public void Options_ConnectionStringsSource_IsUsedWhenSet()
    {
        var provider = Provider(new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Warehouse"] = "Host=warehouse",
            ["ConnectionStrings:Source"] = "Host=source",
        });

        provider.SourceConnectionString.Should().Be("Host=source");
    }

    [Fact]
    public void Options_ForPostgresWithoutAConnectionString_FailNamingTheKeyOnce()
    {
        var read = () => Provider(new() { ["Database:Provider"] = "Postgres" });

        read.Should().Throw<OptionsValidationException>()
            .Which.Failures.Should().ContainSingle()
            .Which.Should().Match("ConnectionStrings:Warehouse must be set when Database:Provider is Postgres*");
    }

    [Fact]
    public void Options_WhenMigrateIsNotABoolean_FailNamingTheKey()
    {
        var read = () => Provider(new() { ["Database:Migrate"] = "sometimes" });

        read.Should().Throw<OptionsValidationException>().WithMessage("*Database:Migrate 'sometimes' is not true or false*");
    }

    [Fact]
    public void Options_WhenAConnectionStringIsMalformed_FailNamingTheKeyButNotItsValue()
    {
        var read = () => Provider(new()
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Warehouse"] = $"Host=localhost;Password={Secret};Colour=blue",
        });

        var failure = read.Should().Throw<OptionsValidationException>().Which;
        failure.Message.Should().Contain("ConnectionStrings:Warehouse cannot be used by Postgres").And.NotContain(Secret);
    }

    private static DatabaseProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection()
            .Configure<PipelineOptions>(options => options.DataDir = "/srv/pipeline")
            .AddWarehouseDatabase(configuration)
            .BuildServiceProvider();
        return services.GetRequiredService<DatabaseProvider>();
    }
}

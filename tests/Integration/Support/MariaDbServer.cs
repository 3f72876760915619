using MySqlConnector;
using Testcontainers.MySql;

namespace Pinterest.Modular.Tests.Integration.Support;

/// <summary>
/// A MariaDB 10.11 container (the local image of <see cref="TestServers.MariaDbImage"/>) started through
/// Testcontainers.MySql for one test collection and removed when the collection ends (Ryuk, which would otherwise
/// remove it, cannot be pulled here). Without Docker the collection's tests fail: they never skip. Tests make their own
/// databases on it (<see cref="Database.MySqlDatabase"/>).
/// </summary>
public sealed class MariaDbServer : IAsyncLifetime
{
    private const string RootPassword = "pm-test-root";

    private MySqlContainer? container;

    /// <summary>A root connection string to the server (no database): tests may create databases.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        container = new MySqlBuilder(TestServers.MariaDbImage)
            .WithUsername("root")
            .WithPassword(RootPassword)
            .Build();
        await container.StartAsync();
        ConnectionString = new MySqlConnectionStringBuilder(container.GetConnectionString()) { Database = "" }.ConnectionString;
    }

    /// <summary>The port the container's 3306 is mapped to on 127.0.0.1.</summary>
    public int Port => container?.GetMappedPublicPort(3306) ?? throw new InvalidOperationException("The MariaDB container has not started.");

    public async Task DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }
}

/// <summary>The warehouse and source tests on MariaDB share one container, one test class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class MariaDbGroup : ICollectionFixture<MariaDbServer>
{
    public const string Name = "MariaDB";
}

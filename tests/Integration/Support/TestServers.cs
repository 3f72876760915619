namespace Pinterest.Modular.Tests.Integration.Support;

/// <summary>
/// The real servers the integration tests use, from the variables scripts/test-servers.sh prints. A missing
/// variable fails the test that needs it: a test never skips because a server is absent.
/// </summary>
public static class TestServers
{
    /// <summary>PM_TEST_POSTGRES: an Npgsql connection string to a server where the tests may create databases.</summary>
    public static string PostgresConnectionString => Required("PM_TEST_POSTGRES");

    /// <summary>PM_TEST_S3: the S3 endpoint (s3rver, path style, keys S3RVER/S3RVER).</summary>
    public static Uri S3ServiceUrl => new(Required("PM_TEST_S3"));

    /// <summary>PM_TEST_KINESIS: the Kinesis endpoint (kinesalite on loopback; any credentials, it does not check signatures).</summary>
    public static Uri KinesisServiceUrl => new(Required("PM_TEST_KINESIS"));

    /// <summary>
    /// PM_TEST_MARIADB_IMAGE: the local MariaDB image the MySQL tests start through Testcontainers (scripts/test-servers.sh
    /// builds it and also exports DOCKER_HOST and the Testcontainers settings).
    /// </summary>
    public static string MariaDbImage => Required("PM_TEST_MARIADB_IMAGE");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: run scripts/test.sh (or scripts/test-servers.sh up) first, and export what it prints.");
}

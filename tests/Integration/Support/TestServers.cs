namespace Pinterest.Modular.Tests.Integration.Support;

/// <summary>
/// The real servers the integration tests use, as <c>scripts/test-servers.sh</c> announces them. A missing server
/// fails the test that needs it; nothing is skipped.
/// </summary>
public static class TestServers
{
    public static string PostgresConnectionString => Read("PM_TEST_POSTGRES");

    public static Uri S3ServiceUrl => new(Read("PM_TEST_S3"));

    private static string Read(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: run scripts/test.sh (or scripts/test-servers.sh up) first.");
}

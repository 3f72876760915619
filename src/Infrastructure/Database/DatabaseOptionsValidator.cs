using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>
/// Fails at start, naming the key, when the provider is unknown, a connection string is missing or malformed, or
/// <c>Database:Migrate</c> is not a boolean. Messages never repeat a connection string: it may hold a password.
/// </summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var engine = DatabaseProvider.Find(options.Provider);
        if (engine is null)
        {
            failures.Add(DatabaseProvider.UnsupportedMessage(options.Provider));
        }

        CheckConnectionString(engine, DatabaseOptions.ConnectionStringName, options.ConnectionString, failures);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            // An empty source string follows from an empty warehouse one on PostgreSQL: one message is enough.
            CheckConnectionString(engine, DatabaseOptions.SourceConnectionStringName, options.SourceConnectionString, failures);
        }

        if (options.InvalidMigrate is { } migrate)
        {
            failures.Add($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Migrate)} '{migrate}' is not true or false.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckConnectionString(DatabaseEngine? engine, string key, string value, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            // An engine without a default (a server) must be told where the server is.
            failures.Add(engine is not null && engine.DefaultWarehouseConnectionString(".").Length == 0
                ? $"ConnectionStrings:{key} must be set when {DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)} is {engine.Name} (e.g. Host=...;Database=...;Username=...)."
                : $"ConnectionStrings:{key} is empty and no default could be made from Pipeline:DataDir.");
        }
        else if (engine?.CheckConnectionString(value) is { } problem)
        {
            failures.Add($"ConnectionStrings:{key} cannot be used by {engine.Name}: {problem}");
        }
    }
}

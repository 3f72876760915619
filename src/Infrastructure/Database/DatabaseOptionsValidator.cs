using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Infrastructure.Database;

/// <summary>Fails at start, naming the key, when the provider is unknown or no connection string could be made.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!DatabaseProvider.IsSupported(options.Provider))
        {
            failures.Add(DatabaseProvider.UnsupportedMessage(options.Provider));
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"ConnectionStrings:{DatabaseOptions.ConnectionStringName} is empty and no default could be made from Pipeline:DataDir.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

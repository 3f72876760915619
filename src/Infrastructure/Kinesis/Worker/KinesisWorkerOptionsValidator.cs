using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Infrastructure.Kinesis.Worker;

/// <summary>Fails at start, naming the key, when a <c>Kinesis:Worker</c> setting cannot work.</summary>
internal sealed class KinesisWorkerOptionsValidator : IValidateOptions<KinesisWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, KinesisWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Key = KinesisWorkerOptions.Section;
        var failures = new List<string>();
        if (!Enum.IsDefined(options.StartPosition))
        {
            failures.Add($"{Key}:StartPosition must be TrimHorizon or Latest.");
        }

        if (options.PollInterval < KinesisWorkerOptions.MinPollInterval)
        {
            failures.Add($"{Key}:PollInterval must be at least 00:00:00.2: a shard allows 5 GetRecords calls a second.");
        }

        if (options.MaxRecordsPerBatch is < 1 or > 10_000)
        {
            failures.Add($"{Key}:MaxRecordsPerBatch must be between 1 and 10000 (the GetRecords limit).");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(3))
        {
            failures.Add($"{Key}:LeaseDuration must be at least 00:00:03.");
        }

        if (options.BalanceInterval <= TimeSpan.Zero || options.BalanceInterval > options.LeaseDuration / 2)
        {
            failures.Add($"{Key}:BalanceInterval must be positive and at most half of {Key}:LeaseDuration, so a live worker never looks gone.");
        }

        if (string.IsNullOrWhiteSpace(options.WorkerId))
        {
            failures.Add($"{Key}:WorkerId must not be empty (leave it unset for machine/process/random).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

using System.Globalization;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Application.Batch;

/// <summary>Checks <c>BatchJob:LeaseDuration</c> at start, with a message that names the key.</summary>
public sealed class BatchJobOptionsValidator : IValidateOptions<BatchJobOptions>
{
    public ValidateOptionsResult Validate(string? name, BatchJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.LeaseDuration <= TimeSpan.Zero || options.LeaseDuration > BatchJobOptions.MaxLeaseDuration)
        {
            return ValidateOptionsResult.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"{BatchJobOptions.Section}:{nameof(BatchJobOptions.LeaseDuration)} must be more than 00:00:00 and at most {BatchJobOptions.MaxLeaseDuration:c} (hh:mm:ss); it is {options.LeaseDuration:c}."));
        }

        return ValidateOptionsResult.Success;
    }
}

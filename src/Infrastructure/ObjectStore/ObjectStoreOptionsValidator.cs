using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Pinterest.Modular.Infrastructure.ObjectStore;

/// <summary>Fails at start with messages that name the <c>ObjectStore:*</c> key at fault.</summary>
internal sealed partial class ObjectStoreOptionsValidator : IValidateOptions<ObjectStoreOptions>
{
    private const string Key = ObjectStoreOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, ObjectStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!ObjectStoreOptions.Providers.Contains(options.Provider, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{Key}Provider '{options.Provider}' is not supported; use one of: {string.Join(", ", ObjectStoreOptions.Providers)}.");
        }
        else if (options.IsS3)
        {
            ValidateS3(options, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateS3(ObjectStoreOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            failures.Add($"{Key}Bucket is required when {Key}Provider is S3.");
        }
        else if (!BucketName().IsMatch(options.Bucket))
        {
            failures.Add($"{Key}Bucket '{options.Bucket}' is not a valid bucket name: 3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit.");
        }

        if (options.ServiceUrl.Length > 0
            && (!Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            failures.Add($"{Key}ServiceUrl '{options.ServiceUrl}' must be an absolute http:// or https:// address, or empty for AWS.");
        }

        if (string.IsNullOrWhiteSpace(options.Region))
        {
            failures.Add($"{Key}Region is required when {Key}Provider is S3 (e.g. us-east-1).");
        }

        if (options.Prefix.Contains("//", StringComparison.Ordinal) || options.Prefix.Contains('\\', StringComparison.Ordinal))
        {
            failures.Add($"{Key}Prefix '{options.Prefix}' must be '/'-separated names without empty parts or '\\'.");
        }

        if (options.PartBytes is < ObjectStoreOptions.MinPartBytes or > ObjectStoreOptions.MaxPartBytes)
        {
            failures.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{Key}PartBytes must be between {ObjectStoreOptions.MinPartBytes} (5 MiB, S3's minimum) and {ObjectStoreOptions.MaxPartBytes}."));
        }

        if (options.MultipartThresholdBytes < options.PartBytes)
        {
            failures.Add($"{Key}MultipartThresholdBytes must be at least {Key}PartBytes, so a multipart object has two parts or more.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex BucketName();
}

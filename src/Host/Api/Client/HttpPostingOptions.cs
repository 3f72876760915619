namespace Pinterest.Modular.Host.Api.Client;

/// <summary>
/// Where and how <see cref="HttpPostingTarget"/> reaches the API: the base URL (an invoke URL keeps its stage path,
/// such as <c>/test</c>), the key sent as <c>x-api-key</c>, and how many connections may be open at once.
/// </summary>
public sealed record HttpPostingOptions(Uri Api, string? ApiKey = null, int Connections = 1)
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How each Kinesis record's partition key is chosen (default: the AWS emulators' fixed <c>partition-1</c>).</summary>
    public PartitionKeyMode PartitionKeys { get; init; } = PartitionKeyMode.Fixed;
}

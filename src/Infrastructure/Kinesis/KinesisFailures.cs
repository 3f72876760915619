using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>A Kinesis error in the application's terms: a missing stream is "not found", anything else "unavailable".</summary>
internal static class KinesisFailures
{
    public static Exception ForStream(string stream, KinesisException error) => error.IsNotFound
        ? new DestinationMissingException($"Stream {stream} not found in Kinesis.", error)
        : new TransportUnavailableException($"Kinesis could not take the records for stream {stream}: {error.Message}", error);
}

using Confluent.Kafka;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.Kafka;

/// <summary>
/// Sorts a broker's or librdkafka's error the way kafka-rest does (its <c>errorCodeFromProducerException</c>):
/// authentication (40101) and authorization (40301) failures, errors a retry may cure (50003), and the rest (50002).
/// </summary>
public static class KafkaErrors
{
    private static readonly HashSet<ErrorCode> NotAuthenticated =
    [
        ErrorCode.SaslAuthenticationFailed,
        ErrorCode.Local_Authentication,
        ErrorCode.UnsupportedSaslMechanism,
        ErrorCode.IllegalSaslState,
    ];

    private static readonly HashSet<ErrorCode> NotAuthorized =
    [
        ErrorCode.TopicAuthorizationFailed,
        ErrorCode.ClusterAuthorizationFailed,
        ErrorCode.TransactionalIdAuthorizationFailed,
        ErrorCode.GroupAuthorizationFailed,
    ];

    /// <summary>Refusals that a retry, as it is, cannot cure.</summary>
    private static readonly HashSet<ErrorCode> Rejected =
    [
        ErrorCode.MsgSizeTooLarge,
        ErrorCode.InvalidMsgSize,
        ErrorCode.InvalidMsg,
        ErrorCode.InvalidRecord,
        ErrorCode.TopicException,
        ErrorCode.InvalidRequiredAcks,
        ErrorCode.RecordListTooLarge,
        ErrorCode.PolicyViolation,
        ErrorCode.UnsupportedVersion,
        ErrorCode.Local_InvalidArg,
        ErrorCode.Local_Fatal,
    ];

    /// <summary>The exception for records that <paramref name="error"/> kept off <paramref name="topic"/>.</summary>
    public static Exception ForRecords(Error error, string topic, KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(options);
        var message = $"Kafka refused the records for {topic}: {error.Reason} ({error.Code}).";
        if (NotAuthenticated.Contains(error.Code))
        {
            return new TransportRejectedException($"{message} Check Kafka:Authentication and its credentials.", TransportRefusal.NotAuthenticated);
        }

        if (NotAuthorized.Contains(error.Code))
        {
            return new TransportRejectedException(message, TransportRefusal.NotAuthorized);
        }

        if (Rejected.Contains(error.Code) || error.IsFatal)
        {
            return new TransportRejectedException(message, TransportRefusal.Rejected);
        }

        return new TransportUnavailableException(
            $"Kafka ({KafkaClientSettings.Describe(options)}) did not take the records for {topic}: {error.Reason} ({error.Code}).");
    }
}

using System.Net.Http.Headers;
using System.Text.Json;

namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>
/// Reads an error answer of the awsJson1_1 protocol into a <see cref="KinesisException"/>, and says which errors are
/// worth another try.
/// </summary>
internal static class KinesisErrorResponse
{
    /// <summary>Not a service answer: no response came (connection refused, reset, DNS), after every attempt.</summary>
    public const string Unreachable = "ServiceUnreachable";

    /// <summary>Not a service answer: the request took longer than <c>Kinesis:RequestTimeout</c>, on every attempt.</summary>
    public const string TimedOut = "RequestTimeout";

    private static readonly HashSet<string> Retryable = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException",
        "LimitExceededException",
        "InternalFailure",
        "InternalFailureException",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "ThrottlingException",
        Unreachable,
        TimedOut,
    };

    public static bool IsRetryable(KinesisException error) =>
        Retryable.Contains(error.ErrorType) || error.StatusCode >= 500;

    /// <summary>True for the per-entry <c>ErrorCode</c>s of PutRecords that a resend may cure.</summary>
    public static bool IsRetryable(string errorCode) => Retryable.Contains(errorCode);

    /// <summary>
    /// The error in an answer with status 400 or more. The type comes from the <c>X-Amzn-Errortype</c> header, else
    /// the body's <c>code</c>, else its <c>__type</c> (Smithy's order), else the status; the message from
    /// <c>message</c> or <c>Message</c> (kinesalite uses both).
    /// </summary>
    public static KinesisException Read(int status, HttpResponseHeaders headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        string? type = headers.TryGetValues("X-Amzn-Errortype", out var values) ? values.FirstOrDefault() : null;
        string? message = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                (var code, var dunderType, message) = ReadFields(ref reader);
                type ??= code ?? dunderType;
            }
        }
        catch (JsonException)
        {
            // A proxy or load balancer in front may answer HTML; the status still says what kind of failure it was.
        }

        type = string.IsNullOrWhiteSpace(type) ? (status >= 500 ? "InternalFailure" : "UnknownError") : SanitiseType(type);
        return new KinesisException(type, message ?? $"HTTP {status} without an error message.", status);
    }

    /// <summary>
    /// The short error name: the text before the first ':', then after the first '#'
    /// (<c>aws.protocoltests#FooError:http://internal</c> is <c>FooError</c>).
    /// </summary>
    public static string SanitiseType(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var colon = raw.IndexOf(':', StringComparison.Ordinal);
        var name = colon >= 0 ? raw[..colon] : raw;
        var hash = name.IndexOf('#', StringComparison.Ordinal);
        return (hash >= 0 ? name[(hash + 1)..] : name).Trim();
    }

    private static (string? Code, string? Type, string? Message) ReadFields(ref Utf8JsonReader reader)
    {
        string? code = null, type = null, message = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                continue;
            }

            switch (name)
            {
                case "code":
                    code = reader.GetString();
                    break;
                case "__type":
                    type = reader.GetString();
                    break;
                case "message" or "Message":
                    message ??= reader.GetString();
                    break;
            }
        }

        return (code, type, message);
    }
}

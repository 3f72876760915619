namespace Pinterest.Modular.Infrastructure.Kinesis;

/// <summary>An error answer of the Kinesis API: <see cref="ErrorType"/> is the short <c>__type</c> (e.g. <c>ResourceNotFoundException</c>).</summary>
public sealed class KinesisException(string errorType, string message, int statusCode, Exception? inner = null)
    : Exception($"{errorType}: {message}", inner)
{
    public string ErrorType { get; } = errorType;

    public int StatusCode { get; } = statusCode;

    public bool IsNotFound => ErrorType == "ResourceNotFoundException";
}

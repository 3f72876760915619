using System.Text.Json.Serialization;

namespace Pinterest.Modular.Host.Api.Security;

/// <summary>The error body API Gateway sends for its own refusals (403, 413, 429): <c>{"message":"..."}</c>.</summary>
public sealed record GatewayMessage([property: JsonPropertyName("message")] string Message);

namespace Pinterest.Modular.Host.Api.Security;

/// <summary>
/// Marks endpoints that answer without an API key even when <c>Api:Keys</c> is set: the dashboard's page, script and
/// style sheet, which hold no data (a browser cannot send a header when it navigates; the page then sends the key on
/// every data request).
/// </summary>
public sealed class OpenWithoutApiKey
{
    public static OpenWithoutApiKey Instance { get; } = new();
}

namespace Pinterest.Modular.Host;

/// <summary>
/// Marks endpoints that answer without an API key even when <c>Api:Keys</c> is set: the dashboard's page, script and
/// style sheet, which hold no data (a browser cannot send a header when it navigates; the page then sends the key on
/// every data request). In the Host's own namespace: the dashboard marks, the API's security reads, and neither
/// feature names the other.
/// </summary>
public sealed class OpenWithoutApiKey
{
    public static OpenWithoutApiKey Instance { get; } = new();
}

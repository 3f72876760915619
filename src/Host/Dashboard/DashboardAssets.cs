namespace Pinterest.Modular.Host.Dashboard;

/// <summary>The dashboard's static files, embedded in the host assembly (see Host.csproj), read once.</summary>
public sealed class DashboardAssets
{
    private DashboardAssets(string contentType, byte[] content)
    {
        ContentType = contentType;
        Content = content;
    }

    public static DashboardAssets Page { get; } = Load("index.html", "text/html; charset=utf-8");

    public static DashboardAssets Script { get; } = Load("dashboard.js", "text/javascript; charset=utf-8");

    public static DashboardAssets StyleSheet { get; } = Load("dashboard.css", "text/css; charset=utf-8");

    public string ContentType { get; }

    public byte[] Content { get; }

    private static DashboardAssets Load(string file, string contentType)
    {
        var name = "dashboard/" + file;
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource {name} is missing from the host assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new DashboardAssets(contentType, copy.ToArray());
    }
}

namespace Pinterest.Modular.Tests.Integration.Support;

/// <summary>A fresh folder under the system temp directory, deleted with its contents on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(string prefix = "pm-test-")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder must not fail a test that passed.
        }
    }
}

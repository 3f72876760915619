using System.Globalization;
using Microsoft.Extensions.Options;
using Pinterest.Modular.Application.Landing;
using Pinterest.Modular.Application.Routing;

namespace Pinterest.Modular.Infrastructure.ObjectStore;

/// <summary>
/// The landing zone as files under <c>&lt;Pipeline:DataDir&gt;/landing/</c>: a key is a relative path with '/'
/// separators. Puts are atomic replaces, so readers never see a partial object.
/// </summary>
public sealed class FileObjectStore : IObjectStore
{
    public const string LandingFolder = "landing";

    public FileObjectStore(IOptions<PipelineOptions> pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        Root = Path.GetFullPath(Path.Combine(pipeline.Value.DataDir, LandingFolder));
    }

    /// <summary>The folder that holds the objects.</summary>
    public string Root { get; }

    public IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var lastSlash = prefix.LastIndexOf('/');
        var folderKey = lastSlash < 0 ? string.Empty : prefix[..lastSlash];
        var folder = folderKey.Length == 0 ? Root : PathOf(folderKey, nameof(prefix));
        if (!Directory.Exists(folder))
        {
            return AsyncEnumerable.Empty<StoredObject>();
        }

        var objects = new List<StoredObject>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (AtomicFile.IsTemporary(file))
            {
                continue;
            }

            var key = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
            var info = new FileInfo(file);
            if (key.StartsWith(prefix, StringComparison.Ordinal) && info.Exists)
            {
                objects.Add(new StoredObject(key, ETagOf(info), info.Length));
            }
        }

        objects.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return objects.ToAsyncEnumerable();
    }

    public async Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key, nameof(key));
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"The landing zone has no object '{key}'.", path, ex);
        }
    }

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        AtomicFile.ReplaceAsync(PathOf(key, nameof(key)), content, cancellationToken);

    /// <summary>Changes whenever a put replaces the file: size and modification time (ns resolution on Linux).</summary>
    private static string ETagOf(FileInfo info) =>
        string.Create(CultureInfo.InvariantCulture, $"{info.Length}-{info.LastWriteTimeUtc.Ticks}");

    /// <summary>Maps a key to a path under <see cref="Root"/>; keys that could leave it are refused.</summary>
    private string PathOf(string key, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(key, parameterName);
        var segments = key.Split('/');
        if (key.Contains('\\', StringComparison.Ordinal)
            || key.Contains('\0', StringComparison.Ordinal)
            || Path.IsPathRooted(key)
            || segments.Any(s => s is "" or "." or "..")
            || AtomicFile.IsTemporary(segments[^1]))
        {
            throw new ArgumentException(
                $"'{key}' is not a valid object key: use relative '/'-separated names without empty, '.' or '..' parts.",
                parameterName);
        }

        var path = Path.GetFullPath(Path.Combine(Root, key));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' points outside the landing zone.", parameterName);
        }

        return path;
    }
}

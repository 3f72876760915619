namespace Pinterest.Modular.Infrastructure.ObjectStore;

/// <summary>
/// Replaces a file whole: the content goes to a temporary file in the same folder, is fsynced, and is renamed
/// over the target, so a reader (or a restart after kill -9) sees the old content or the new, never a part.
/// </summary>
public static class AtomicFile
{
    /// <summary>Temporary files end with this; listings skip them and a crash may leave them behind.</summary>
    public const string TemporarySuffix = ".partial-write";

    public static bool IsTemporary(string fileName) => fileName.EndsWith(TemporarySuffix, StringComparison.Ordinal);

    public static async Task ReplaceAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 0,
            });
            await using (stream)
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            DirectorySync.Flush(directory);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original failure matters more; a leftover temporary file is skipped by listings.
        }
    }
}

namespace Pinterest.Modular.Application.Landing;

/// <summary>An object in the landing zone. The ETag changes whenever the content does.</summary>
public sealed record StoredObject(string Key, string ETag, long Size);

/// <summary>The object store behind the landing zone (files under the data directory, or S3).</summary>
public interface IObjectStore
{
    /// <summary>Every object whose key starts with <paramref name="prefix"/>, in key order.</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken);

    Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Writes the object whole: readers never see a partial object, and a rewrite replaces it.</summary>
    Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}

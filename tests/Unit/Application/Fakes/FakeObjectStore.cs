using System.Runtime.CompilerServices;
using System.Text;
using Pinterest.Modular.Application.Landing;

namespace Pinterest.Modular.Tests.Unit.Application.Fakes;

/// <summary>An object store in a dictionary; the ETag is a version number that changes with every put.</summary>
internal sealed class FakeObjectStore : IObjectStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, (byte[] Content, string ETag)> _objects = new(StringComparer.Ordinal);
    private readonly List<string> _reads = [];
    private int _version;

    /// <summary>Keys read, in order.</summary>
    public IReadOnlyList<string> Reads
    {
        get
        {
            lock (_gate)
            {
                return [.. _reads];
            }
        }
    }

    public string Put(string key, string content)
    {
        lock (_gate)
        {
            var etag = $"etag-{++_version}";
            _objects[key] = (Encoding.UTF8.GetBytes(content), etag);
            return etag;
        }
    }

    public string ETagOf(string key)
    {
        lock (_gate)
        {
            return _objects[key].ETag;
        }
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<StoredObject> listed;
        lock (_gate)
        {
            listed = [.. _objects
                .Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Select(o => new StoredObject(o.Key, o.Value.ETag, o.Value.Content.Length))];
        }

        foreach (var stored in listed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return stored;
        }
    }

    public Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _reads.Add(key);
            return Task.FromResult(_objects[key].Content.ToArray());
        }
    }

    public Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Put(key, Encoding.UTF8.GetString(content.Span));
        return Task.CompletedTask;
    }
}

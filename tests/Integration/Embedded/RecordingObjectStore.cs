using Pinterest.Modular.Application.Landing;

namespace Pinterest.Modular.Tests.Integration.Embedded;

/// <summary>
/// Passes everything to a real store and remembers every put. With <c>crashAfterPuts</c> it stands in for a
/// process killed right after that many objects were written: the put lands, then the caller sees a crash.
/// </summary>
public sealed class RecordingObjectStore(IObjectStore inner, int? crashAfterPuts = null) : IObjectStore
{
    private readonly List<string> _puts = [];

    public IReadOnlyList<string> Puts
    {
        get
        {
            lock (_puts)
            {
                return [.. _puts];
            }
        }
    }

    public IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) =>
        inner.ListAsync(prefix, cancellationToken);

    public Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await inner.PutAsync(key, content, cancellationToken);
        int count;
        lock (_puts)
        {
            _puts.Add(key);
            count = _puts.Count;
        }

        if (count == crashAfterPuts)
        {
            throw new SimulatedCrashException($"crash after writing {key}");
        }
    }
}

public sealed class SimulatedCrashException(string message) : Exception(message);

using System.Buffers;
using System.Text.Json;

namespace Pinterest.Modular.Host.Api;

/// <summary>
/// A request body parsed as JSON in place, over a buffer rented from the shared pool: a produce of a few hundred rows
/// is a few hundred KB, which as a fresh array would land on the large-object heap on every request and keep the GC
/// collecting it. Disposing returns the buffer, so anything kept from <see cref="Root"/> must be copied out first.
/// </summary>
public sealed class RequestDocument : IDisposable
{
    private readonly JsonDocument _document;
    private byte[]? _buffer;

    internal RequestDocument(JsonDocument document, byte[] buffer)
    {
        _document = document;
        _buffer = buffer;
    }

    public JsonElement Root => _document.RootElement;

    public void Dispose()
    {
        _document.Dispose();
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Pinterest.Modular.Host.Api.Client;

/// <summary>
/// A JSON request body written into buffers rented from the shared pool and returned when the request is disposed:
/// a body of a few hundred rows would otherwise grow through fresh arrays on the large-object heap on every request.
/// </summary>
public sealed class PooledJsonContent : HttpContent
{
    private byte[]? _buffer;
    private readonly int _length;

    public PooledJsonContent(string contentType, Action<Utf8JsonWriter> write, int sizeHint)
    {
        ArgumentNullException.ThrowIfNull(write);
        var body = new PooledBufferWriter(sizeHint);
        try
        {
            using (var writer = new Utf8JsonWriter(body))
            {
                write(writer);
            }

            (_buffer, _length) = body.Detach();
        }
        catch
        {
            body.Dispose();
            throw;
        }

        Headers.ContentType = new MediaTypeHeaderValue(contentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(PooledJsonContent));
        return stream.WriteAsync(buffer.AsMemory(0, _length), cancellationToken).AsTask();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (disposing && buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> over one pooled array that grows by renting a larger one.</summary>
    private sealed class PooledBufferWriter(int sizeHint) : IBufferWriter<byte>, IDisposable
    {
        private byte[]? _array = ArrayPool<byte>.Shared.Rent(Math.Max(sizeHint, 256));
        private int _written;

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_written);

        public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_written);

        public (byte[] Array, int Length) Detach()
        {
            var array = _array ?? throw new ObjectDisposedException(nameof(PooledBufferWriter));
            _array = null;
            return (array, _written);
        }

        public void Dispose()
        {
            if (_array is not null)
            {
                ArrayPool<byte>.Shared.Return(_array);
                _array = null;
            }
        }

        private byte[] Reserve(int sizeHint)
        {
            var array = _array ?? throw new ObjectDisposedException(nameof(PooledBufferWriter));
            var needed = _written + Math.Max(sizeHint, 1);
            if (needed <= array.Length)
            {
                return array;
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, array.Length * 2));
            array.AsSpan(0, _written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(array);
            _array = larger;
            return larger;
        }
    }
}

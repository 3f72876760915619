using Microsoft.Win32.SafeHandles;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>What <see cref="FrameCursor.Next"/> found at the cursor's position.</summary>
internal enum FrameStatus
{
    /// <summary>A whole frame with a matching CRC.</summary>
    Valid,

    /// <summary>The cursor stands exactly at the end: no more frames.</summary>
    End,

    /// <summary>The bytes left do not hold a whole frame (a write cut short).</summary>
    Incomplete,

    /// <summary>A whole frame whose CRC or length does not match.</summary>
    Corrupt,
}

/// <summary>
/// Walks frames of a log file forward through a read-ahead buffer with positional reads, so several
/// cursors can share one handle without sharing a file position.
/// </summary>
internal sealed class FrameCursor(SafeFileHandle handle, long position, long end, int bufferSize)
{
    private byte[] _buffer = new byte[bufferSize];
    private long _bufferStart;
    private int _bufferLength;

    /// <summary>Byte position of the next frame (after a non-valid result: of the frame that failed).</summary>
    public long Position { get; private set; } = position;

    /// <summary>
    /// Reads the frame at <see cref="Position"/>. The payload span is valid only until the next call.
    /// </summary>
    public FrameStatus Next(out long appendedAtUnixMs, out ReadOnlySpan<byte> payload)
    {
        appendedAtUnixMs = 0;
        payload = default;
        if (Position >= end)
        {
            return FrameStatus.End;
        }

        if (!TryLoad(Position, LogFrame.HeaderSize, out var header))
        {
            return FrameStatus.Incomplete;
        }

        if (!LogFrame.TryReadLength(header, out var payloadLength))
        {
            return FrameStatus.Corrupt;
        }

        var size = LogFrame.SizeOf(payloadLength);
        if (!TryLoad(Position, size, out var frame))
        {
            return FrameStatus.Incomplete;
        }

        if (!LogFrame.TryDecode(frame, out appendedAtUnixMs, out payload))
        {
            return FrameStatus.Corrupt;
        }

        Position += size;
        return FrameStatus.Valid;
    }

    private bool TryLoad(long at, int count, out ReadOnlySpan<byte> bytes)
    {
        if (at >= _bufferStart && at + count <= _bufferStart + _bufferLength)
        {
            bytes = _buffer.AsSpan((int)(at - _bufferStart), count);
            return true;
        }

        bytes = default;
        if (at + count > end)
        {
            return false;
        }

        if (count > _buffer.Length)
        {
            _buffer = new byte[Math.Max(count, _buffer.Length * 2)];
        }

        var wanted = (int)Math.Min(_buffer.Length, end - at);
        var read = 0;
        while (read < wanted)
        {
            var n = RandomAccess.Read(handle, _buffer.AsSpan(read, wanted - read), at + read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        _bufferStart = at;
        _bufferLength = read;
        if (read < count)
        {
            return false;
        }

        bytes = _buffer.AsSpan(0, count);
        return true;
    }
}

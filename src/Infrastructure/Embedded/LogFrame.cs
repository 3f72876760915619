using System.Buffers;
using System.Buffers.Binary;

namespace Pinterest.Modular.Infrastructure.Embedded;

/// <summary>
/// The on-disk frame of one record: payload length (u32 LE) | CRC-32 over the rest (u32 LE) |
/// append time in unix ms (i64 LE) | payload.
/// </summary>
internal static class LogFrame
{
    public const int HeaderSize = 16;

    /// <summary>Larger lengths in a header can only be garbage, so a scan treats them as a torn tail.</summary>
    public const int MaxPayloadSize = 16 * 1024 * 1024;

    public static int SizeOf(int payloadLength) => HeaderSize + payloadLength;

    public static void Write(IBufferWriter<byte> writer, long appendedAtUnixMs, ReadOnlySpan<byte> payload)
    {
        var size = SizeOf(payload.Length);
        var frame = writer.GetSpan(size)[..size];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)payload.Length);
        BinaryPrimitives.WriteInt64LittleEndian(frame[8..], appendedAtUnixMs);
        payload.CopyTo(frame[HeaderSize..]);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], Crc32.Compute(frame[8..]));
        writer.Advance(size);
    }

    /// <summary>Reads the payload length from a header; false when it cannot be a real frame.</summary>
    public static bool TryReadLength(ReadOnlySpan<byte> header, out int payloadLength)
    {
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        payloadLength = (int)Math.Min(length, int.MaxValue);
        return length <= MaxPayloadSize;
    }

    /// <summary>Checks a whole frame's CRC and splits it into time and payload.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> frame, out long appendedAtUnixMs, out ReadOnlySpan<byte> payload)
    {
        var expected = BinaryPrimitives.ReadUInt32LittleEndian(frame[4..]);
        appendedAtUnixMs = BinaryPrimitives.ReadInt64LittleEndian(frame[8..]);
        payload = frame[HeaderSize..];
        return Crc32.Compute(frame[8..]) == expected;
    }
}

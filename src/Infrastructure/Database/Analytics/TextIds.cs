using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>
/// The distinct values of one text column, each kept once and known by a small id (null is <see cref="Null"/>).
/// Looked up by their UTF-8 bytes, as engines hand text over, so a value already seen costs a hash and a compare:
/// no decoding and no string.
/// </summary>
internal sealed class TextIds
{
    public const int Null = -1;
    private const int StackBytes = 512;

    private readonly List<string> values = [];
    private readonly List<byte[]> utf8Values = [];
    private int[] slots = new int[1024]; // id + 1 per slot, 0 when free; open addressing, at most half full

    public int Count => values.Count;

    public string this[int id] => values[id];

    /// <summary>The id of a string an engine's driver made (valid UTF-16), through its UTF-8 bytes.</summary>
    public int IdOf(string? value)
    {
        if (value is null)
        {
            return Null;
        }

        var length = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = null;
        var buffer = length <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            return IdOf(buffer[..Encoding.UTF8.GetBytes(value, buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The id of UTF-8 text; the string (decoded as <see cref="Encoding.UTF8"/> does) is made once per value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int IdOf(ReadOnlySpan<byte> utf8)
    {
        var mask = slots.Length - 1;
        for (var slot = Hash(utf8) & mask; ; slot = (slot + 1) & mask)
        {
            var id = slots[slot] - 1;
            if (id < 0)
            {
                return Add(utf8, slot);
            }

            if (utf8.SequenceEqual(utf8Values[id]))
            {
                return id;
            }
        }
    }

    private int Add(ReadOnlySpan<byte> utf8, int slot)
    {
        var id = values.Count;
        values.Add(Encoding.UTF8.GetString(utf8));
        utf8Values.Add(utf8.ToArray());
        slots[slot] = id + 1;
        if (values.Count * 2 > slots.Length)
        {
            Grow();
        }

        return id;
    }

    private void Grow()
    {
        slots = new int[slots.Length * 2];
        var mask = slots.Length - 1;
        for (var id = 0; id < utf8Values.Count; id++)
        {
            var slot = Hash(utf8Values[id]) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = id + 1;
        }
    }

    // FNV-1a: the values are short, and a column holds few distinct ones.
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = 2166136261u;
        foreach (var b in utf8)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash ^ (hash >> 15)) & int.MaxValue;
    }
}

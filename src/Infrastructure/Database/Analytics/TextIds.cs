using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>The distinct values of one text column, each kept once and known by a small id (null is <see cref="Null"/>).</summary>
internal sealed class TextIds
{
    public const int Null = -1;

    private const int StackChars = 256;

    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> idsByChars;
    private readonly List<string> values = [];

    public TextIds() => idsByChars = ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => values.Count;

    public string this[int id] => values[id];

    public int IdOf(string? value)
    {
        if (value is null)
        {
            return Null;
        }

        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, value, out var known);
        if (!known)
        {
            id = values.Count;
            values.Add(value);
        }

        return id;
    }

    /// <summary>The id of UTF-8 text (decoded as <see cref="Encoding.UTF8"/> does); a string is made only for a new value.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int IdOf(ReadOnlySpan<byte> utf8)
    {
        char[]? rented = null;
        var buffer = utf8.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
        try
        {
            var chars = buffer[..Encoding.UTF8.GetChars(utf8, buffer)];
            if (idsByChars.TryGetValue(chars, out var id))
            {
                return id;
            }

            return IdOf(new string(chars));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}

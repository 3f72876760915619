using System.Text;
using System.Text.Json;

namespace Pinterest.Modular.Application.Ingest;

/// <summary>
/// The property names met so far in one row, to find a name given twice. Names are kept unescaped (so <c>"ind"</c> and
/// <c>"\u0069nd"</c> are the same name) in one growing byte buffer: a row of the usual dozen columns costs no string.
/// Past <see cref="LinearLimit"/> names a hash set takes over, so a row of many thousand names stays linear.
/// </summary>
internal sealed class RowNames
{
    private const int LinearLimit = 32;

    private readonly List<(int Start, int Length)> _names = [];
    private byte[] _buffer = new byte[256];
    private int _used;
    private HashSet<string>? _many;

    public void Clear()
    {
        _names.Clear();
        _used = 0;
        _many = null;
    }

    /// <summary>Adds the name the reader is on (a PropertyName); false when the row already has it.</summary>
    public bool Add(ref Utf8JsonReader reader)
    {
        var escapedLength = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (_used + escapedLength > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + escapedLength));
        }

        var length = reader.CopyString(_buffer.AsSpan(_used));
        var name = _buffer.AsSpan(_used, length);
        if (_many is not null)
        {
            return _many.Add(Encoding.UTF8.GetString(name));
        }

        foreach (var (start, known) in _names)
        {
            if (name.SequenceEqual(_buffer.AsSpan(start, known)))
            {
                return false;
            }
        }

        _names.Add((_used, length));
        _used += length;
        if (_names.Count > LinearLimit)
        {
            _many = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (start, known) in _names)
            {
                _many.Add(Encoding.UTF8.GetString(_buffer, start, known));
            }
        }

        return true;
    }
}

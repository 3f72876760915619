namespace Pinterest.Modular.Domain.Common;

/// <summary>
/// A kind of record, named as topics, streams and the rejected store name it (<c>pin</c>, <c>geo</c>, <c>user</c>).
/// Open: a feature adds a kind by describing it (Application's <c>RecordKindDescription</c>); two kinds are the same
/// when their names are.
/// </summary>
public sealed class RecordKind : IEquatable<RecordKind>
{
    /// <param name="name">Lower-case letters, digits and '_' (it becomes part of topic and stream names).</param>
    /// <param name="keyField">The name of the key field as the source rows carry it.</param>
    public RecordKind(string name, string keyField)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 32 || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            throw new ArgumentException(
                $"A record kind's name is 1 to 32 lower-case letters, digits or '_', not '{name}'.", nameof(name));
        }

        ArgumentException.ThrowIfNullOrEmpty(keyField);
        Name = name;
        KeyField = keyField;
        KeyFieldUtf8 = System.Text.Encoding.UTF8.GetBytes(keyField);
    }

    /// <summary>The pin of a posting event; its source rows carry the key as <c>index</c>.</summary>
    public static RecordKind Pin { get; } = new("pin", "index");

    public static RecordKind Geo { get; } = new("geo", "ind");

    public static RecordKind User { get; } = new("user", "ind");

    /// <summary>The lower-case name used in topic and stream names: <c>pin</c>, <c>geo</c>, <c>user</c>.</summary>
    public string Name { get; }

    /// <summary>The name of the key field as the source rows carry it: <c>index</c> for pins, <c>ind</c> otherwise.</summary>
    public string KeyField { get; }

    /// <summary><see cref="KeyField"/> in UTF-8, to find it in a row without decoding names.</summary>
    public ReadOnlyMemory<byte> KeyFieldUtf8 { get; }

    public static bool operator ==(RecordKind? left, RecordKind? right) => Equals(left, right);

    public static bool operator !=(RecordKind? left, RecordKind? right) => !Equals(left, right);

    public bool Equals(RecordKind? other) =>
        ReferenceEquals(this, other) || (other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal));

    public override bool Equals(object? obj) => Equals(obj as RecordKind);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    public override string ToString() => Name;
}

/// <summary>The three kinds of a posting event, linked by the event number <c>ind</c>.</summary>
public static class RecordKinds
{
    /// <summary>Pin, geo and user: what one posting event is made of (the emulator posts one of each).</summary>
    public static IReadOnlyList<RecordKind> All { get; } = [RecordKind.Pin, RecordKind.Geo, RecordKind.User];

    /// <summary>One of <see cref="All"/> by name, ignoring case.</summary>
    public static bool TryParse(string? name, out RecordKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = null!;
        return false;
    }
}

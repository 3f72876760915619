namespace Pinterest.Modular.Domain.Common;

/// <summary>The three record kinds of a posting event, linked by the event number <c>ind</c>.</summary>
public enum RecordKind
{
    Pin,
    Geo,
    User,
}

public static class RecordKinds
{
    public static IReadOnlyList<RecordKind> All { get; } = [RecordKind.Pin, RecordKind.Geo, RecordKind.User];

    /// <summary>The lower-case name used in topic and stream names: <c>pin</c>, <c>geo</c>, <c>user</c>.</summary>
    public static string Name(this RecordKind kind) => kind switch
    {
        RecordKind.Pin => "pin",
        RecordKind.Geo => "geo",
        RecordKind.User => "user",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown record kind."),
    };

    public static bool TryParse(string? name, out RecordKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name(), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The name of the key field as the source rows carry it: <c>index</c> for pins, <c>ind</c> otherwise.</summary>
    public static string KeyField(this RecordKind kind) => kind == RecordKind.Pin ? "index" : "ind";
}

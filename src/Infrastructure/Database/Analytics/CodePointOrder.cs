namespace Pinterest.Modular.Infrastructure.Database.Analytics;

/// <summary>
/// Orders strings by Unicode code point, as SQLite's BINARY, PostgreSQL's "C" and MySQL's utf8mb4_bin do on UTF-8.
/// <see cref="string.CompareOrdinal(string, string)"/> compares UTF-16 code units, which puts a character above U+FFFF
/// (a surrogate pair, 0xD800–0xDFFF) before one in U+E000–U+FFFF; the two differ only there.
/// </summary>
internal sealed class CodePointOrder : IComparer<string>
{
    public static readonly CodePointOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            if (x[i] != y[i])
            {
                return CodePointRank(x[i]).CompareTo(CodePointRank(y[i]));
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    // Moves surrogates above U+E000–U+FFFF (and those below them), keeping every other order.
    private static int CodePointRank(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
}

namespace Pinterest.Modular.Domain.Common;

/// <summary>
/// The text rule of spec §3: a text value is null when it is blank or when its trimmed value is one of the column's
/// placeholders; otherwise it is kept exactly as sent (not trimmed, so descriptions cut with "…" + U+00A0 survive).
/// </summary>
public static class TextValues
{
    /// <summary>Null when <paramref name="value"/> is null, empty or whitespace only; otherwise the value unchanged.</summary>
    public static string? Clean(string? value) => IsBlank(value) ? null : value;

    /// <summary>Null when <paramref name="value"/> is blank or its trimmed text equals (ordinally) one of the placeholders.</summary>
    public static string? Clean(string? value, params ReadOnlySpan<string> placeholders)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            return null;
        }

        foreach (var placeholder in placeholders)
        {
            if (trimmed.SequenceEqual(placeholder))
            {
                return null;
            }
        }

        return value;
    }

    public static bool IsBlank(string? value) => value is null || value.AsSpan().Trim().IsEmpty;
}

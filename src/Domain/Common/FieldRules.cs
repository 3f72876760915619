using System.Diagnostics.CodeAnalysis;

namespace Pinterest.Modular.Domain.Common;

/// <summary>
/// Rules shared by the record kinds, each giving the value or the rejection reason naming the field and the bad value.
/// A blank optional value counts as missing: it carries nothing to reject.
/// </summary>
public static class FieldRules
{
    /// <summary>The posting event number every row needs: present (not blank) and an integer.</summary>
    public static bool TryKey(string? text, string field, out long ind, [NotNullWhen(false)] out string? rejection)
    {
        if (TextValues.IsBlank(text))
        {
            ind = 0;
            rejection = RejectionReasons.Missing(field);
            return false;
        }

        if (!WireValues.TryParseInt64(text, out ind))
        {
            rejection = RejectionReasons.NotAnInteger(field, text!);
            return false;
        }

        rejection = null;
        return true;
    }

    /// <summary>A timestamp that may be missing (null), but when present must parse (to UTC).</summary>
    public static bool TryOptionalTimestamp(
        string? text, string field, out DateTime? value, [NotNullWhen(false)] out string? rejection)
    {
        value = null;
        rejection = null;
        if (TextValues.IsBlank(text))
        {
            return true;
        }

        if (!WireValues.TryParseUtcTimestamp(text, out var parsed))
        {
            rejection = RejectionReasons.NotADateTime(field, text!);
            return false;
        }

        value = parsed;
        return true;
    }
}

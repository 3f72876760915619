using System.Diagnostics.CodeAnalysis;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Domain.Users;

/// <summary>Cleans a raw user row: first and last name joined into <c>user_name</c>, age an integer, date_joined to UTC.</summary>
public static class UserCleaning
{
    public static CleanResult<User> Clean(RawUser raw)
    {
        ArgumentNullException.ThrowIfNull(raw);

        if (!FieldRules.TryKey(raw.Ind, "ind", out var ind, out var rejection)
            || !TryAge(raw.Age, out var age, out rejection)
            || !FieldRules.TryOptionalTimestamp(raw.DateJoined, "date_joined", out var dateJoined, out rejection))
        {
            return CleanResult.Rejected<User>(rejection);
        }

        return CleanResult.Cleaned(new User(ind, UserName(raw.FirstName, raw.LastName), age, dateJoined));
    }

    /// <summary>Each name trimmed after the text rule, joined by one space; one alone if the other is null.</summary>
    public static string? UserName(string? firstName, string? lastName)
    {
        var first = TextValues.Clean(firstName).AsSpan().Trim();
        var last = TextValues.Clean(lastName).AsSpan().Trim();
        if (first.IsEmpty)
        {
            return last.IsEmpty ? null : last.ToString();
        }

        return last.IsEmpty ? first.ToString() : string.Concat(first, " ", last);
    }

    private static bool TryAge(string? text, out int? age, [NotNullWhen(false)] out string? rejection)
    {
        age = null;
        rejection = null;
        if (TextValues.IsBlank(text))
        {
            return true;
        }

        if (!WireValues.TryParseInt64(text, out var value))
        {
            rejection = RejectionReasons.NotAnInteger("age", text!);
            return false;
        }

        if (value is < int.MinValue or > int.MaxValue)
        {
            rejection = RejectionReasons.OutOfRange("age", text!);
            return false;
        }

        age = (int)value;
        return true;
    }
}

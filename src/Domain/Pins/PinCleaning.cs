using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Domain.Pins;

/// <summary>Cleans a raw pin into the columns of spec §3: <c>index</c> becomes <c>ind</c>, placeholders become null.</summary>
public static class PinCleaning
{
    /// <summary>What the source puts before the path in <c>save_location</c>; the cleaned column is the path alone.</summary>
    public const string SaveLocationPrefix = "Local save in ";

    public static CleanResult<Pin> Clean(RawPin raw)
    {
        ArgumentNullException.ThrowIfNull(raw);

        if (!FieldRules.TryKey(raw.Index, "index", out var ind, out var rejection))
        {
            return CleanResult.Rejected<Pin>(rejection);
        }

        List<ValueIssue>? issues = null;
        var followerText = TextValues.Clean(raw.FollowerCount, PinPlaceholders.UserInfoError);
        long? followerCount = null;
        if (followerText is not null)
        {
            if (TryParseFollowerCount(followerText, out var count))
            {
                followerCount = count;
            }
            else
            {
                issues = [new ValueIssue("follower_count", $"{RejectionReasons.Quote(followerText)} is not a follower count")];
            }
        }

        var pin = new Pin(
            ind,
            TextValues.Clean(raw.UniqueId),
            TextValues.Clean(raw.Title, PinPlaceholders.Title),
            TextValues.Clean(raw.Description, PinPlaceholders.Descriptions),
            followerCount,
            TextValues.Clean(raw.PosterName, PinPlaceholders.UserInfoError),
            TextValues.Clean(raw.TagList, PinPlaceholders.TagList),
            TextValues.Clean(raw.IsImageOrVideo),
            TextValues.Clean(raw.ImageSrc, PinPlaceholders.ImageSrc),
            CleanSaveLocation(raw.SaveLocation),
            TextValues.Clean(raw.Category));
        return CleanResult.Cleaned(pin, issues);
    }

    /// <summary>
    /// Digits, optionally followed by one suffix: <c>k</c>/<c>K</c> (thousands) or <c>M</c>/<c>m</c> (millions).
    /// Surrounding whitespace is ignored; signs, fractions, separators and overflow are not follower counts.
    /// </summary>
    public static bool TryParseFollowerCount(string? text, out long count)
    {
        count = 0;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return false;
        }

        long multiplier = span[^1] switch
        {
            'k' or 'K' => 1_000,
            'm' or 'M' => 1_000_000,
            _ => 1,
        };
        var digits = multiplier == 1 ? span : span[..^1];
        if (digits.IsEmpty)
        {
            return false;
        }

        long value = 0;
        foreach (var c in digits)
        {
            var digit = c - '0';
            if ((uint)digit > 9 || value > (long.MaxValue - digit) / 10)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        if (value > long.MaxValue / multiplier)
        {
            return false;
        }

        count = value * multiplier;
        return true;
    }

    private static string? CleanSaveLocation(string? value)
    {
        var text = TextValues.Clean(value);
        if (text is null)
        {
            return null;
        }

        var start = text.AsSpan().TrimStart();
        return start.StartsWith(SaveLocationPrefix, StringComparison.Ordinal)
            ? TextValues.Clean(start[SaveLocationPrefix.Length..].ToString())
            : text;
    }
}

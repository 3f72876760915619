namespace Pinterest.Modular.Domain.Common;

/// <summary>
/// The wording of rejection reasons and value issues: short, naming the field and the bad value, so a person reading
/// the dead-letter store sees at once what was wrong.
/// </summary>
public static class RejectionReasons
{
    /// <summary>Longer values are cut so a reason stays one readable line.</summary>
    public const int MaxQuotedLength = 60;

    public static string Missing(string field) => $"{field} is missing";

    public static string NotAnInteger(string field, string value) => $"{field} {Quote(value)} is not an integer";

    public static string OutOfRange(string field, string value) => $"{field} {Quote(value)} is out of range";

    public static string NotANumber(string field, string value) => $"{field} {Quote(value)} is not a number";

    public static string NotADateTime(string field, string value) => $"{field} {Quote(value)} is not a valid date and time";

    /// <summary>The value in single quotes, cut to <see cref="MaxQuotedLength"/> characters with a trailing "…".</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= MaxQuotedLength
            ? string.Concat("'", value, "'")
            : string.Concat("'", value.AsSpan(0, MaxQuotedLength), "…'");
    }
}

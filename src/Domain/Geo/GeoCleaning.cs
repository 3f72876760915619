using System.Diagnostics.CodeAnalysis;
using Pinterest.Modular.Domain.Common;

namespace Pinterest.Modular.Domain.Geo;

/// <summary>Cleans a raw geolocation row: <c>[latitude, longitude]</c> within bounds, timestamp to UTC.</summary>
public static class GeoCleaning
{
    public static CleanResult<GeoLocation> Clean(RawGeo raw)
    {
        ArgumentNullException.ThrowIfNull(raw);

        if (!FieldRules.TryKey(raw.Ind, "ind", out var ind, out var rejection)
            || !TryCoordinates(raw.Latitude, raw.Longitude, out var coordinates, out rejection)
            || !FieldRules.TryOptionalTimestamp(raw.Timestamp, "timestamp", out var timestamp, out rejection))
        {
            return CleanResult.Rejected<GeoLocation>(rejection);
        }

        return CleanResult.Cleaned(new GeoLocation(ind, TextValues.Clean(raw.Country), coordinates, timestamp));
    }

    /// <summary>Both missing is no coordinates; one alone, a non-number or a value out of bounds rejects the row.</summary>
    private static bool TryCoordinates(
        string? latitudeText, string? longitudeText, out Coordinates? coordinates, [NotNullWhen(false)] out string? rejection)
    {
        coordinates = null;
        rejection = null;
        var latitudeMissing = TextValues.IsBlank(latitudeText);
        var longitudeMissing = TextValues.IsBlank(longitudeText);
        if (latitudeMissing && longitudeMissing)
        {
            return true;
        }

        if (latitudeMissing || longitudeMissing)
        {
            rejection = latitudeMissing
                ? "latitude is missing but longitude is present"
                : "longitude is missing but latitude is present";
            return false;
        }

        if (!TryBounded(latitudeText!, "latitude", 90, out var latitude, out rejection)
            || !TryBounded(longitudeText!, "longitude", 180, out var longitude, out rejection))
        {
            return false;
        }

        coordinates = new Coordinates(latitude, longitude);
        return true;
    }

    private static bool TryBounded(string text, string field, int bound, out double value, [NotNullWhen(false)] out string? rejection)
    {
        rejection = null;
        if (!WireValues.TryParseDouble(text, out value))
        {
            rejection = RejectionReasons.NotANumber(field, text);
            return false;
        }

        if (value < -bound || value > bound)
        {
            rejection = $"{field} {RejectionReasons.Quote(text)} is outside -{bound}..{bound}";
            return false;
        }

        return true;
    }
}

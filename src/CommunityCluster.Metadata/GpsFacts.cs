using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace CommunityCluster.Metadata;

/// <summary>
/// The position in the GPS IFD, kept only when it is a position: both coordinates with their
/// hemispheres, inside -90..90 and -180..180, and not the exact (0, 0) that receivers without a
/// fix write. A GPS IFD with no coordinates (such as one that aliases the Exif IFD) gives none.
/// </summary>
internal static class GpsFacts
{
    private const double MaxAltitude = 100_000; // metres: above that it is not a photo's altitude

    public static GeoPosition? Position(GpsDirectory? gps, List<string> warnings)
    {
        if (gps is null || (!gps.ContainsTag(GpsDirectory.TagLatitude) && !gps.ContainsTag(GpsDirectory.TagLongitude)))
            return null;

        var latitude = Coordinate(gps, GpsDirectory.TagLatitude, GpsDirectory.TagLatitudeRef, "N", "S");
        var longitude = Coordinate(gps, GpsDirectory.TagLongitude, GpsDirectory.TagLongitudeRef, "E", "W");
        if (latitude is not { } lat || longitude is not { } lon)
        {
            warnings.Add("GPS: the coordinates or their hemispheres are missing or unreadable; no position");
            return null;
        }

        if (lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            warnings.Add($"GPS: {lat:0.######}, {lon:0.######} is outside the world; no position");
            return null;
        }

        if (lat == 0 && lon == 0)
        {
            warnings.Add("GPS: 0, 0 is what receivers without a fix write; no position");
            return null;
        }

        return new GeoPosition(lat, lon, Altitude(gps));
    }

    private static double? Coordinate(GpsDirectory gps, int valueTag, int referenceTag, string positive,
        string negative)
    {
        var parts = gps.GetRationalArray(valueTag);
        var reference = gps.GetString(referenceTag)?.Trim('\0', ' ').ToUpperInvariant();
        if (parts is null || parts.Length is 0 or > 3 || (reference != positive && reference != negative))
            return null;

        var degrees = 0.0;
        var unit = 1.0;
        foreach (var part in parts)
        {
            // 0/0 is how some writers leave seconds unset; any other zero denominator is broken.
            var value = part.Denominator == 0 && part.Numerator == 0 ? 0 : part.ToDouble();
            if (!double.IsFinite(value) || value < 0)
                return null;
            degrees += value / unit;
            unit *= 60;
        }

        return reference == negative ? -degrees : degrees;
    }

    private static double? Altitude(GpsDirectory gps)
    {
        if (!gps.TryGetRational(GpsDirectory.TagAltitude, out var rational) || rational.Denominator == 0)
            return null;
        var metres = rational.ToDouble();
        if (gps.TryGetInt32(GpsDirectory.TagAltitudeRef, out var below) && below == 1)
            metres = -metres;
        return double.IsFinite(metres) && Math.Abs(metres) <= MaxAltitude ? metres : null;
    }
}

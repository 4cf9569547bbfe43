using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using Directory = MetadataExtractor.Directory;

namespace CommunityCluster.Metadata;

/// <summary>Camera, exposure, title and description, from EXIF first, then IPTC and XMP.</summary>
internal static class DescriptiveFacts
{
    private const int IsoSpeedTag = 0x8833; // EXIF 2.3's ISOSpeed, for sensitivities past 65534
    private const int MaxNameLength = 200;

    // What cameras write into ImageDescription when the owner wrote nothing.
    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "OLYMPUS DIGITAL CAMERA", "SONY DSC", "DIGITAL CAMERA", "MINOLTA DIGITAL CAMERA",
        "KONICA MINOLTA DIGITAL CAMERA", "SAMSUNG", "SAMSUNG CAMERA PICTURES", "Exif_JPEG_PICTURE",
        "DCIM", "default", "Image", "Picture", "Photo", "CAMERA", "LEICA",
    };

    public static Camera? Camera(ExifIfd0Directory? ifd0, ExifSubIfdDirectory? exif, XmpValues xmp)
    {
        var make = Clean(ifd0?.GetString(ExifDirectoryBase.TagMake), MaxNameLength)
            ?? Clean(xmp.Property(XmpValues.Tiff, "Make"), MaxNameLength);
        var model = Clean(ifd0?.GetString(ExifDirectoryBase.TagModel), MaxNameLength)
            ?? Clean(xmp.Property(XmpValues.Tiff, "Model"), MaxNameLength);
        var lens = Clean(exif?.GetString(ExifDirectoryBase.TagLensModel), MaxNameLength)
            ?? Clean(xmp.Property(XmpValues.ExifEx, "LensModel"), MaxNameLength)
            ?? Clean(xmp.Property(XmpValues.Aux, "Lens"), MaxNameLength);

        return make is null && model is null && lens is null ? null : new Camera(make, model, lens);
    }

    public static Exposure? Exposure(ExifSubIfdDirectory? exif)
    {
        if (exif is null)
            return null;

        // APEX values stand in when the plain ones are missing: t = 2^-Tv, N = 2^(Av/2).
        var time = Positive(exif, ExifDirectoryBase.TagExposureTime)
            ?? (Number(exif, ExifDirectoryBase.TagShutterSpeed) is { } tv ? Math.Pow(2, -tv) : null);
        var fNumber = Positive(exif, ExifDirectoryBase.TagFNumber)
            ?? (Number(exif, ExifDirectoryBase.TagAperture) is { } av ? Math.Round(Math.Pow(2, av / 2), 1) : null);
        var exposure = new Exposure(
            Within(time, 86_400), Within(fNumber, 1_000), Iso(exif), Within(Positive(exif,
                ExifDirectoryBase.TagFocalLength), 10_000),
            exif.TryGetInt32(ExifDirectoryBase.Tag35MMFilmEquivFocalLength, out var equivalent)
                && equivalent is > 0 and < 10_000 ? equivalent : null);

        return exposure == new Exposure(null, null, null, null, null) ? null : exposure;
    }

    public static string? Title(ExifIfd0Directory? ifd0, IptcDirectory? iptc, XmpValues xmp, int maxLength) =>
        Clean(xmp.Text(XmpValues.Dc, "title"), maxLength)
        ?? Clean(iptc?.GetString(IptcDirectory.TagObjectName), maxLength)
        ?? Clean(ifd0?.GetDescription(ExifDirectoryBase.TagWinTitle), maxLength);

    public static string? Description(ExifIfd0Directory? ifd0, IptcDirectory? iptc, XmpValues xmp, int maxLength) =>
        Clean(xmp.Text(XmpValues.Dc, "description"), maxLength)
        ?? Clean(iptc?.GetString(IptcDirectory.TagCaption), maxLength)
        ?? NotPlaceholder(Clean(ifd0?.GetString(ExifDirectoryBase.TagImageDescription), maxLength))
        ?? Clean(ifd0?.GetDescription(ExifDirectoryBase.TagWinComment), maxLength);

    /// <summary>
    /// ISOSpeedRatings, unless it is 0 or 65535, which EXIF 2.3 writes when the real value is
    /// elsewhere (ISOSpeed) or unknown.
    /// </summary>
    private static int? Iso(ExifSubIfdDirectory exif)
    {
        if (exif.TryGetInt32(ExifDirectoryBase.TagIsoEquivalent, out var iso) && iso is > 0 and < 65535)
            return iso;
        return exif.TryGetInt64(IsoSpeedTag, out var speed) && speed is > 0 and <= int.MaxValue ? (int)speed : null;
    }

    private static double? Positive(Directory directory, int tag) => Number(directory, tag) is > 0 and var value
        ? value : null;

    private static double? Number(Directory directory, int tag)
    {
        if (!directory.TryGetRational(tag, out var rational) || rational.Denominator == 0)
            return null;
        var value = rational.ToDouble();
        return double.IsFinite(value) ? value : null;
    }

    private static double? Within(double? value, double max) => value is { } v && v <= max ? v : null;

    private static string? NotPlaceholder(string? text) => text is not null && Placeholders.Contains(text) ? null
        : text;

    /// <summary>Trimmed, without control characters (line breaks kept), cut to a length; null when empty.</summary>
    internal static string? Clean(string? text, int maxLength)
    {
        if (text is null)
            return null;

        var kept = new string(text.Where(c => !char.IsControl(c) || c is '\n' or '\t').ToArray()).Trim();
        if (kept.Length == 0)
            return null;
        return kept.Length <= maxLength ? kept : kept[..maxLength].TrimEnd();
    }
}

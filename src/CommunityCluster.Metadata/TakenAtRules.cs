using System.Globalization;
using System.Text.RegularExpressions;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace CommunityCluster.Metadata;

/// <summary>
/// When a photo was taken, best source first:
/// <list type="number">
/// <item>EXIF DateTimeOriginal with OffsetTimeOriginal (never OffsetTime, which belongs to the
/// file's modification time), then DateTimeDigitized with OffsetTimeDigitized;</item>
/// <item>XMP exif:DateTimeOriginal, photoshop:DateCreated, then xmp:CreateDate;</item>
/// <item>a date in the file name (IMG_20230102_153012, 2023-01-02 15.30.12, ...);</item>
/// <item>the upload time.</item>
/// </list>
/// A value that is not a date, or that lies more than a day after the upload, is skipped with a
/// warning. The offset is kept only when stated; EXIF without one takes the offset of XMP's
/// exif:DateTimeOriginal when that states the same local time.
/// </summary>
internal static partial class TakenAtRules
{
    private const int EarliestYear = 1826; // the first surviving photograph

    public static TakenAt Decide(ExifSubIfdDirectory? exif, XmpValues xmp, string fileName, DateTimeOffset uploadedAt,
        List<string> warnings)
    {
        var plausible = (TakenAt? t) => t is not null && IsPlausible(t, uploadedAt, warnings) ? t : null;

        if (plausible(FromExif(exif, warnings)) is { } fromExif)
            return fromExif.Offset is null ? fromExif with { Offset = MirroredOffset(fromExif, xmp) } : fromExif;

        return plausible(FromXmp(xmp, warnings))
            ?? plausible(FromFileName(fileName))
            ?? new TakenAt(DateTime.SpecifyKind(uploadedAt.DateTime, DateTimeKind.Unspecified), uploadedAt.Offset,
                TakenAtSource.UploadTime);
    }

    private static TakenAt? FromExif(ExifSubIfdDirectory? exif, List<string> warnings)
    {
        if (exif is null)
            return null;

        return FromExifPair(exif, ExifDirectoryBase.TagDateTimeOriginal, ExifDirectoryBase.TagTimeZoneOriginal,
                ExifDirectoryBase.TagSubsecondTimeOriginal, "DateTimeOriginal", warnings)
            ?? FromExifPair(exif, ExifDirectoryBase.TagDateTimeDigitized, ExifDirectoryBase.TagTimeZoneDigitized,
                ExifDirectoryBase.TagSubsecondTimeDigitized, "DateTimeDigitized", warnings);
    }

    private static TakenAt? FromExifPair(ExifSubIfdDirectory exif, int dateTag, int offsetTag, int subSecondTag,
        string name, List<string> warnings)
    {
        var text = exif.GetString(dateTag);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (ParseDateTime(text) is not var (local, inlineOffset))
        {
            warnings.Add($"EXIF {name} \"{text.Trim()}\" is not a date");
            return null;
        }

        var offset = ParseOffset(exif.GetString(offsetTag), $"EXIF {name} offset", warnings) ?? inlineOffset;
        return new TakenAt(local.AddTicks(SubSecondTicks(exif.GetString(subSecondTag))), offset, TakenAtSource.Exif);
    }

    /// <summary>
    /// XMP's exif:DateTimeOriginal mirrors the EXIF tag and, as Adobe's tools write it, carries an
    /// offset; it is the file's own statement about the same moment when the local times agree.
    /// </summary>
    private static TimeSpan? MirroredOffset(TakenAt fromExif, XmpValues xmp) =>
        xmp.Property(XmpValues.Exif, "DateTimeOriginal") is { } text
        && ParseDateTime(text) is var (local, offset)
        && TruncateToSeconds(local) == TruncateToSeconds(fromExif.Local)
            ? offset
            : null;

    private static TakenAt? FromXmp(XmpValues xmp, List<string> warnings)
    {
        (string Ns, string Name)[] candidates =
            [(XmpValues.Exif, "DateTimeOriginal"), (XmpValues.Photoshop, "DateCreated"), (XmpValues.Xmp, "CreateDate")];
        foreach (var (ns, name) in candidates)
        {
            var text = xmp.Property(ns, name);
            if (string.IsNullOrWhiteSpace(text))
                continue;
            if (ParseDateTime(text) is var (local, offset))
                return new TakenAt(local, offset, TakenAtSource.Xmp);
            warnings.Add($"XMP {name} \"{text.Trim()}\" is not a date");
        }

        return null;
    }

    internal static TakenAt? FromFileName(string fileName)
    {
        var match = FileNameDate().Match(Path.GetFileNameWithoutExtension(fileName));
        if (!match.Success)
            return null;

        var local = Build(match.Groups["y"].Value, match.Groups["mo"].Value, match.Groups["d"].Value,
            match.Groups["h"].Value, match.Groups["mi"].Value, match.Groups["s"].Value);
        return local is { } value ? new TakenAt(value, null, TakenAtSource.FileName) : null;
    }

    /// <summary>
    /// EXIF's "2023:01:02 15:30:12" and XMP's ISO 8601 "2023-01-02T15:30:12.345+01:00", with or
    /// without seconds, fraction or offset; XMP may also give a date alone.
    /// </summary>
    internal static (DateTime Local, TimeSpan? Offset)? ParseDateTime(string text)
    {
        var match = DateTimeText().Match(text.Trim('\0', ' ', '\t', '\r', '\n'));
        if (!match.Success)
            return null;

        var local = Build(match.Groups["y"].Value, match.Groups["mo"].Value, match.Groups["d"].Value,
            match.Groups["h"].Value, match.Groups["mi"].Value, match.Groups["s"].Value);
        if (local is not { } value)
            return null;
        var offset = match.Groups["z"].Success ? ParseOffset(match.Groups["z"].Value, "", null) : null;
        return (value.AddTicks(SubSecondTicks(match.Groups["f"].Value)), offset);
    }

    /// <summary>"+03:00", "-0500" or "Z"; null (with a warning) for anything else.</summary>
    internal static TimeSpan? ParseOffset(string? text, string what, List<string>? warnings)
    {
        var trimmed = text?.Trim('\0', ' ');
        if (string.IsNullOrEmpty(trimmed) || trimmed.Replace(":", "", StringComparison.Ordinal).Trim().Length == 0)
            return null;
        if (trimmed == "Z")
            return TimeSpan.Zero;

        var match = OffsetText().Match(trimmed);
        if (match.Success)
        {
            var hours = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minutes = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (hours <= 14 && minutes < 60 && hours * 60 + minutes <= 14 * 60)
            {
                var offset = new TimeSpan(hours, minutes, 0);
                return match.Groups["sign"].Value == "-" ? -offset : offset;
            }
        }

        warnings?.Add($"{what} \"{trimmed}\" is not a UTC offset");
        return null;
    }

    private static DateTime? Build(string year, string month, string day, string hour, string minute, string second)
    {
        static int Number(string digits) => digits.Length == 0 ? 0 : int.Parse(digits, CultureInfo.InvariantCulture);

        var (y, mo, d) = (Number(year), Number(month), Number(day));
        var (h, mi, s) = (Number(hour), Number(minute), Number(second));
        if (y < EarliestYear || mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo) || h > 23 || mi > 59
            || s > 59)
            return null;
        return new DateTime(y, mo, d, h, mi, s, DateTimeKind.Unspecified);
    }

    /// <summary>"054" is 54 ms: sub-second digits are a decimal fraction.</summary>
    private static long SubSecondTicks(string? digits)
    {
        var trimmed = new string((digits ?? "").Trim('\0', ' ').TakeWhile(char.IsAsciiDigit).Take(7).ToArray());
        if (trimmed.Length == 0)
            return 0;
        return long.Parse(trimmed.PadRight(7, '0'), CultureInfo.InvariantCulture);
    }

    private static DateTime TruncateToSeconds(DateTime value)
        => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));

    /// <summary>A capture more than a day after its own upload is a camera clock gone wrong.</summary>
    private static bool IsPlausible(TakenAt takenAt, DateTimeOffset uploadedAt, List<string> warnings)
    {
        var latest = uploadedAt.UtcDateTime.AddDays(1);
        var utc = takenAt.Instant?.UtcDateTime ?? takenAt.Local.AddHours(-14); // the earliest it can be
        if (utc <= latest)
            return true;
        warnings.Add($"the {takenAt.Source} date {takenAt.Local:yyyy-MM-dd HH:mm:ss} lies after the upload; ignored");
        return false;
    }

    [GeneratedRegex(@"^(?<y>\d{4})[:\-/.](?<mo>\d{2})[:\-/.](?<d>\d{2})"
        + @"(?:[T ]+(?<h>\d{2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,](?<f>\d+))?)?)?\s*(?<z>Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex DateTimeText();

    [GeneratedRegex(@"^(?<sign>[+-])(?<h>\d{2}):?(?<m>\d{2})$")]
    private static partial Regex OffsetText();

    // A date (19xx or 20xx) with or without separators, then optionally a time: IMG_20230102_153012,
    // PXL_20230102_153012345, 2023-01-02 15.30.12, WhatsApp Image 2023-01-02 at 15.30.12,
    // Screenshot_2023-01-02-15-30-12, IMG-20230102-WA0001. Digits may not run on either side.
    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})(?<sep>[-_.]?)(?<mo>\d{2})\k<sep>(?<d>\d{2})"
        + @"(?:(?:[ _T-]|\sat\s)(?<h>\d{2})[-_.:h]?(?<mi>\d{2})[-_.:m]?(?<s>\d{2})(?:\d{1,3})?)?(?!\d)")]
    private static partial Regex FileNameDate();
}

namespace CommunityCluster.Metadata;

/// <summary>
/// What the bytes of one photo say about it: the record that the catalog stores beside the
/// uploader, albums and thumbnails it keeps itself. Every field that the file does not state, or
/// states wrongly, is null ("unknown"); <see cref="Warnings"/> says what was wrong.
/// </summary>
/// <param name="Id">The photo id the caller gave (the content hash).</param>
/// <param name="FileName">The original file name, as uploaded; never used to tell the format.</param>
/// <param name="Format">The format sniffed from the bytes.</param>
/// <param name="Size">The size of the content in bytes.</param>
/// <param name="Outcome">Whether this is a photo at all, and whether its header could be read.</param>
/// <param name="TakenAt">When it was taken, as well as known, and from where that came.</param>
public sealed record PhotoMetadata(
    string Id,
    string FileName,
    ImageFormat Format,
    long Size,
    MetadataOutcome Outcome,
    TakenAt TakenAt)
{
    /// <summary>The media type sniffed from the bytes (<c>application/octet-stream</c> when unknown).</summary>
    public string ContentType => Format.MediaType();

    /// <summary>
    /// Width as displayed, after <see cref="Orientation"/>. Declared by the header and never
    /// checked against the pixels: good for reporting and layout, not for sizing a decode buffer.
    /// </summary>
    public int? Width { get; init; }

    /// <summary>Height as displayed, after <see cref="Orientation"/>; declared, like <see cref="Width"/>.</summary>
    public int? Height { get; init; }

    /// <summary>
    /// How the stored pixels must be turned to be seen upright, as an EXIF orientation. For HEIF
    /// family files it is the <c>irot</c> transform of the primary image, which HEIF decoders apply
    /// themselves. Null when the file states none, or states 0 or a value beyond 8.
    /// </summary>
    public PhotoOrientation? Orientation { get; init; }

    public Camera? Camera { get; init; }

    public Exposure? Exposure { get; init; }

    /// <summary>Where it was taken; null unless the file gives a position inside the world's bounds.</summary>
    public GeoPosition? Position { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>What was wrong or missing in the file, for people and logs; empty for a clean file.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Width times height as declared; null when either is unknown.</summary>
    public long? PixelCount => Width is { } w && Height is { } h ? (long)w * h : null;
}

public enum MetadataOutcome
{
    /// <summary>A photo whose header was read; single fields may still be unknown (see the warnings).</summary>
    Photo,

    /// <summary>
    /// An image format this reader knows, but its header is too broken to give even the dimensions:
    /// nothing can be shown of it.
    /// </summary>
    Unreadable,

    /// <summary>Not an image format this reader knows: empty, text, video, an archive...</summary>
    NotAPhoto,
}

/// <summary>EXIF orientations: how the stored pixels are turned to be seen upright.</summary>
public enum PhotoOrientation
{
    Normal = 1,
    MirrorHorizontal = 2,
    Rotate180 = 3,
    MirrorVertical = 4,
    Transpose = 5,
    Rotate90Clockwise = 6,
    Transverse = 7,
    Rotate270Clockwise = 8,
}

public static class PhotoOrientationExtensions
{
    /// <summary>Orientations 5 to 8 turn the picture by a quarter: width and height trade places.</summary>
    public static bool SwapsDimensions(this PhotoOrientation orientation) => (int)orientation >= 5;
}

/// <summary>Where the capture time came from, best first.</summary>
public enum TakenAtSource
{
    Exif,
    Xmp,
    FileName,
    UploadTime,
}

/// <summary>
/// When a photo was taken, as the camera's clock said it: a local date and time, and the offset
/// from UTC only when the file states it. A local time of unknown offset stays so; no zone (least
/// of all the server's) is ever assumed.
/// </summary>
public sealed record TakenAt(DateTime Local, TimeSpan? Offset, TakenAtSource Source)
{
    /// <summary>The instant, when the offset is known.</summary>
    public DateTimeOffset? Instant =>
        Offset is { } offset ? new DateTimeOffset(DateTime.SpecifyKind(Local, DateTimeKind.Unspecified), offset) : null;
}

/// <summary>The camera, and the lens when the file names it. At least one part is known.</summary>
public sealed record Camera(string? Make, string? Model, string? Lens);

/// <summary>How the picture was exposed. At least one part is known.</summary>
/// <param name="ExposureTime">Seconds the shutter was open.</param>
/// <param name="FNumber">The aperture as an f-number (2.8 for f/2.8).</param>
/// <param name="Iso">ISO sensitivity.</param>
/// <param name="FocalLength">Real focal length in millimetres.</param>
/// <param name="FocalLength35mm">Focal length that would give the same view on 35 mm film.</param>
public sealed record Exposure(double? ExposureTime, double? FNumber, int? Iso, double? FocalLength,
    int? FocalLength35mm);

/// <summary>A WGS 84 position: degrees north and east, and metres above sea level when known.</summary>
public sealed record GeoPosition(double Latitude, double Longitude, double? Altitude);

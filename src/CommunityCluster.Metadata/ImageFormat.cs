namespace CommunityCluster.Metadata;

/// <summary>An image format as the bytes say, never as the file name says.</summary>
public enum ImageFormat
{
    Unknown,
    Jpeg,
    Png,
    Gif,
    WebP,
    Tiff,
    Heic,
    Heif,
    Avif,
    Bmp,
}

public static class ImageFormatExtensions
{
    /// <summary>The media type to store and serve; <c>application/octet-stream</c> when unknown.</summary>
    public static string MediaType(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        ImageFormat.Gif => "image/gif",
        ImageFormat.WebP => "image/webp",
        ImageFormat.Tiff => "image/tiff",
        ImageFormat.Heic => "image/heic",
        ImageFormat.Heif => "image/heif",
        ImageFormat.Avif => "image/avif",
        ImageFormat.Bmp => "image/bmp",
        _ => "application/octet-stream",
    };

    /// <summary>The name people know the format by, for warnings and logs.</summary>
    public static string DisplayName(this ImageFormat format) => format switch
    {
        ImageFormat.WebP => "WebP",
        ImageFormat.Unknown => "unknown",
        _ => format.ToString().ToUpperInvariant(),
    };
}

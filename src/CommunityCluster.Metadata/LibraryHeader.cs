using MetadataExtractor;
using MetadataExtractor.Formats.Bmp;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Gif;
using MetadataExtractor.Formats.Heif;
using MetadataExtractor.Formats.Tiff;
using Directory = MetadataExtractor.Directory;

namespace CommunityCluster.Metadata;

/// <summary>
/// TIFF, GIF, BMP and the HEIF family, read by MetadataExtractor's own readers over the bounded
/// window. Their readers check offsets against the stream's length (TIFF, HEIF boxes) or only read
/// small blocks (GIF, BMP), so no declared size makes them allocate more than the window holds.
/// </summary>
internal static class LibraryHeader
{
    private const string PrimaryItemProperties = "HEIC Primary Item Properties";

    public static void Read(ImageFormat format, Stream window, Header header)
    {
        if (format is ImageFormat.Heic or ImageFormat.Heif or ImageFormat.Avif
            && HeifGuard.Check(window) is { } problem)
        {
            header.Warn($"{format.DisplayName()}: the header is not read: {problem}");
            header.OrientationIsContainers = true;
            return;
        }

        window.Position = 0;
        try
        {
            header.Directories.AddRange(format switch
            {
                ImageFormat.Tiff => TiffMetadataReader.ReadMetadata(window),
                ImageFormat.Gif => GifMetadataReader.ReadMetadata(window),
                ImageFormat.Bmp => BmpMetadataReader.ReadMetadata(window),
                _ => HeifMetadataReader.ReadMetadata(window),
            });
        }
        catch (Exception e)
        {
            header.Warn($"{format.DisplayName()}: the header cannot be read ({e.Message})");
        }

        switch (format)
        {
            case ImageFormat.Tiff:
                SizeFrom<ExifIfd0Directory>(header, ExifDirectoryBase.TagImageWidth, ExifDirectoryBase.TagImageHeight,
                    "TIFF");
                break;
            case ImageFormat.Gif:
                SizeFrom<GifHeaderDirectory>(header, GifHeaderDirectory.TagImageWidth,
                    GifHeaderDirectory.TagImageHeight, "GIF");
                CheckGifFrames(header);
                break;
            case ImageFormat.Bmp:
                SizeFrom<BmpHeaderDirectory>(header, BmpHeaderDirectory.TagImageWidth,
                    BmpHeaderDirectory.TagImageHeight, "BMP");
                break;
            default:
                ReadHeifPrimary(header);
                break;
        }
    }

    private static void SizeFrom<T>(Header header, int widthTag, int heightTag, string what)
        where T : Directory
    {
        var directory = header.Directories.OfType<T>().FirstOrDefault();
        if (directory is not null && directory.TryGetInt64(widthTag, out var width) && directory.TryGetInt64(heightTag,
            out var height))
            header.SetStoredSize(width, Math.Abs(height),
                $"{what} header"); // BMP stores top-down images with a negative height
        else
            header.Warn($"{what}: no image size in the header");
    }

    /// <summary>The logical screen is the GIF's size; a frame declaring more is a decompression bomb.</summary>
    private static void CheckGifFrames(Header header)
    {
        if (header.StoredWidth is not { } width || header.StoredHeight is not { } height)
            return;

        foreach (var frame in header.Directories.OfType<GifImageDirectory>())
        {
            if (frame.TryGetInt64(GifImageDirectory.TagWidth, out var w)
                && frame.TryGetInt64(GifImageDirectory.TagHeight, out var h)
                && frame.TryGetInt64(GifImageDirectory.TagLeft, out var left)
                    && frame.TryGetInt64(GifImageDirectory.TagTop, out var top)
                && (left + w > width || top + h > height))
            {
                header.Warn($"GIF: a frame of {w} x {h} at ({left}, {top}) lies outside the {width} x {height} screen");
                return;
            }
        }
    }

    /// <summary>
    /// HEIF: the primary item's <c>ispe</c> is the size of the coded picture, and its <c>irot</c>
    /// turns it anticlockwise; EXIF orientation is informational only (decoders apply irot).
    /// </summary>
    private static void ReadHeifPrimary(Header header)
    {
        header.OrientationIsContainers = true;
        var primary = header.Directories.OfType<HeicImagePropertiesDirectory>().FirstOrDefault(d
            => d.Name == PrimaryItemProperties);
        if (primary is null)
        {
            header.Warn("HEIF: no properties for the primary image");
            return;
        }

        if (primary.TryGetInt64(HeicImagePropertiesDirectory.TagImageWidth, out var width)
            && primary.TryGetInt64(HeicImagePropertiesDirectory.TagImageHeight, out var height))
            header.SetStoredSize(width, height, "HEIF ispe");
        else
            header.Warn("HEIF: the primary image has no size (ispe)");

        if (primary.TryGetInt32(HeicImagePropertiesDirectory.TagRotation, out var anticlockwise))
        {
            header.ContainerOrientation = anticlockwise switch
            {
                90 => PhotoOrientation.Rotate270Clockwise,
                180 => PhotoOrientation.Rotate180,
                270 => PhotoOrientation.Rotate90Clockwise,
                _ => PhotoOrientation.Normal,
            };
        }
    }
}

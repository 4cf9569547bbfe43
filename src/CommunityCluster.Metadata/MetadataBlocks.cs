using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Xmp;
using MetadataExtractor.IO;

namespace CommunityCluster.Metadata;

/// <summary>EXIF and XMP blocks that a container reader cut out, parsed by MetadataExtractor.</summary>
internal static class MetadataBlocks
{
    private static ReadOnlySpan<byte> ExifPreamble => "Exif\0\0"u8;

    /// <summary>A TIFF-structured EXIF block, with or without the JPEG-style "Exif\0\0" preamble.</summary>
    public static void AddExif(Header header, byte[] block, string where)
    {
        try
        {
            var offset = block.AsSpan().StartsWith(ExifPreamble) ? ExifPreamble.Length : 0;
            var tiff = offset == 0 ? block : block[offset..];

            header.Directories.AddRange(new ExifReader().Extract(new ByteArrayReader(tiff)));
        }
        catch (Exception e)
        {
            header.Warn($"{where}: the EXIF block cannot be read ({e.Message})");
        }
    }

    public static void AddXmp(Header header, byte[] block, string where)
    {
        try
        {
            header.Directories.Add(new XmpReader().Extract(block));
        }
        catch (Exception e)
        {
            header.Warn($"{where}: the XMP block cannot be read ({e.Message})");
        }
    }
}

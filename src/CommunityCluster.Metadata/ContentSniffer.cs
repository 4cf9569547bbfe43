using System.Buffers.Binary;

namespace CommunityCluster.Metadata;

/// <summary>
/// Tells the image format from the first bytes of a file. The file name is never consulted: phones
/// and tools routinely write a JPEG named <c>.png</c> or <c>.heic</c>.
/// </summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff(ReadOnlySpan{byte})"/> may look at.</summary>
    public const int HeaderLength = 256;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // ISO-BMFF brands (ftyp) of still images: HEVC-coded HEIC, AV1-coded AVIF, and plain HEIF
    // structure brands that say nothing of the codec.
    private static readonly HashSet<string> HeicBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "hevm",
        "hevs"];
    private static readonly HashSet<string> AvifBrands = ["avif", "avis"];
    private static readonly HashSet<string> HeifBrands = ["mif1", "msf1", "mif2"];

    /// <summary>
    /// Sniffs the next bytes of <paramref name="content"/>. A seekable stream is put back where it
    /// was; a forward-only one has consumed up to <see cref="HeaderLength"/> bytes.
    /// </summary>
    public static ImageFormat Sniff(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var start = content.CanSeek ? content.Position : 0;
        Span<byte> header = stackalloc byte[HeaderLength];

        var length = content.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false);

        if (content.CanSeek)
            content.Position = start;
        return Sniff(header[..length]);
    }

    /// <summary>Sniffs the first bytes of a file (fewer than <see cref="HeaderLength"/> is fine).</summary>
    public static ImageFormat Sniff(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
            return ImageFormat.Jpeg;
        if (header.StartsWith(PngSignature))
            return ImageFormat.Png;
        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
            return ImageFormat.Gif;
        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
            return ImageFormat.WebP;
        if (header.StartsWith("II*\0"u8) || header.StartsWith("MM\0*"u8))
            return ImageFormat.Tiff;
        if (IsBmp(header))
            return ImageFormat.Bmp;
        return SniffIsoBmff(header);
    }

    // "BM" alone is too weak (plenty of text starts so): the reserved words must be zero and the
    // info header must have one of the sizes that Windows and OS/2 define.
    private static bool IsBmp(ReadOnlySpan<byte> header)
    {
        if (header.Length < 18 || header[0] != (byte)'B' || header[1] != (byte)'M')
            return false;

        var reserved = BinaryPrimitives.ReadUInt32LittleEndian(header[6..10]);
        var infoSize = BinaryPrimitives.ReadUInt32LittleEndian(header[14..18]);
        return reserved == 0 && infoSize is 12 or 16 or 40 or 52 or 56 or 64 or 108 or 124;
    }

    private static ImageFormat SniffIsoBmff(ReadOnlySpan<byte> header)
    {
        if (header.Length < 16 || !header[4..8].SequenceEqual("ftyp"u8))
            return ImageFormat.Unknown;
        var boxSize = BinaryPrimitives.ReadUInt32BigEndian(header[..4]);
        if (boxSize < 16 || boxSize % 4 != 0)
            return ImageFormat.Unknown;

        var major = Brand(header, 8);
        var brands = new List<string> { major };
        var end = (int)Math.Min(boxSize, (uint)header.Length);
        for (var offset = 16; offset + 4 <= end; offset += 4)
            brands.Add(Brand(header, offset));

        // The major brand decides when it names an image codec; a bare structural brand (mif1) or a
        // video major brand with image brands beside it is decided by the compatible brands.
        if (HeicBrands.Contains(major))
            return ImageFormat.Heic;
        if (AvifBrands.Contains(major))
            return ImageFormat.Avif;
        if (brands.Exists(AvifBrands.Contains))
            return ImageFormat.Avif;
        if (brands.Exists(HeicBrands.Contains))
            return ImageFormat.Heic;
        return brands.Exists(HeifBrands.Contains) ? ImageFormat.Heif : ImageFormat.Unknown;
    }

    private static string Brand(ReadOnlySpan<byte> header, int offset) =>
        string.Create(4, header.Slice(offset, 4).ToArray(), static (chars, bytes) =>
        {
            for (var i = 0; i < 4; i++)
                chars[i] = (char)bytes[i];
        });
}

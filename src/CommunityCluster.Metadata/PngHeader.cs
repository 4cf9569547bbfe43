using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CommunityCluster.Metadata;

/// <summary>
/// Walks a PNG's chunks, skipping image data without reading it, and keeps the header, the EXIF
/// chunk and XMP or EXIF carried in text chunks. This project's own walk, because MetadataExtractor
/// 2.4.3 reads every chunk (image data included) into memory, allocates whatever length a chunk
/// declares, inflates every compressed text chunk whole, and loses everything when the file ends
/// early (DESIGN.md fact 10: uploads are untrusted).
/// </summary>
internal static class PngHeader
{
    private const int MaxChunks = 100_000;
    private const string XmpKeyword = "XML:com.adobe.xmp";

    public static void Read(Stream window, MetadataLimits limits, Header header)
    {
        window.Position = 8;
        Span<byte> chunkHeader = stackalloc byte[8];

        for (var count = 0; count < MaxChunks; count++)
        {
            if (window.ReadAtLeast(chunkHeader, 8, throwOnEndOfStream: false) < 8)
            {
                header.WarnEnded("PNG", "before its end chunk");
                return;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(chunkHeader);
            var type = Encoding.ASCII.GetString(chunkHeader[4..8]);
            if (length > int.MaxValue || window.Position + length + 4 > window.Length)
            {
                header.WarnEnded("PNG", $"inside chunk {Printable(type)}");
                return;
            }

            if (count == 0 && type != "IHDR")
                header.Warn("PNG: the first chunk is not the image header");
            if (type == "IEND")
                return;

            var next = window.Position + length + 4; // the data, then the CRC, which is not checked
            ReadChunk(window, type, (int)length, limits, header);
            window.Position = next;
        }

        header.Warn($"PNG: more than {MaxChunks} chunks; the rest is ignored");
    }

    private static void ReadChunk(Stream window, string type, int length, MetadataLimits limits, Header header)
    {
        switch (type)
        {
            case "IHDR" when length >= 8:
                var size = ReadBytes(window, 8);
                header.SetStoredSize(
                    BinaryPrimitives.ReadUInt32BigEndian(size), BinaryPrimitives.ReadUInt32BigEndian(size.AsSpan(4)),
                        "PNG header");
                break;
            case "eXIf":
                if (Fits(length, limits, header, type))
                    MetadataBlocks.AddExif(header, ReadBytes(window, length), "PNG eXIf");
                break;
            case "iTXt" or "tEXt" or "zTXt":
                if (Fits(length, limits, header, type))
                    ReadText(type, ReadBytes(window, length), limits, header);
                break;
        }
    }

    /// <summary>
    /// Text chunks carry XMP under a keyword of their own, and ImageMagick writes EXIF as hex under
    /// "Raw profile type exif"; every other text chunk is left alone (and never inflated).
    /// </summary>
    private static void ReadText(string type, byte[] data, MetadataLimits limits, Header header)
    {
        var keywordEnd = Array.IndexOf(data, (byte)0);
        if (keywordEnd <= 0)
            return;
        var keyword = Encoding.Latin1.GetString(data, 0, keywordEnd);
        var isXmp = keyword == XmpKeyword;
        var isRawExif = keyword is "Raw profile type exif" or "Raw profile type APP1";
        if (!isXmp && !isRawExif)
            return;

        var text = TextOf(type, data, keywordEnd + 1, limits.MaxBlockBytes);
        if (text is null)
        {
            header.Warn($"PNG: the {type} chunk \"{keyword}\" is unreadable or inflates past {limits.MaxBlockBytes} B");
            return;
        }

        if (isXmp)
            MetadataBlocks.AddXmp(header, text, $"PNG {type}");
        else if (RawProfile.Decode(text) is { } exif)
            MetadataBlocks.AddExif(header, exif, $"PNG {type} raw profile");
        else
            header.Warn($"PNG: the {type} chunk \"{keyword}\" is not a raw profile");
    }

    private static byte[]? TextOf(string type, byte[] data, int start, int maxBytes)
    {
        if (type == "tEXt")
            return data[start..];
        if (type == "zTXt")
            return start + 1 < data.Length ? Inflate(data.AsSpan(start + 1), maxBytes) : null;

        // iTXt: compression flag, method, language tag \0, translated keyword \0, text.
        if (start + 2 > data.Length)
            return null;
        var compressed = data[start] == 1;
        var language = Array.IndexOf(data, (byte)0, start + 2);
        var translated = language < 0 ? -1 : Array.IndexOf(data, (byte)0, language + 1);
        if (translated < 0)
            return null;
        var text = data.AsSpan(translated + 1);
        return compressed ? Inflate(text, maxBytes) : text.ToArray();
    }

    /// <summary>Inflates zlib data, giving up (null) past <paramref name="maxBytes"/>: no text bombs.</summary>
    private static byte[]? Inflate(ReadOnlySpan<byte> compressed, int maxBytes)
    {
        try
        {
            using var inflater = new ZLibStream(new MemoryStream(compressed.ToArray()), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = inflater.Read(buffer)) > 0)
            {
                if (output.Length + read > maxBytes)
                    return null;
                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static bool Fits(int length, MetadataLimits limits, Header header, string type)
    {
        if (length <= limits.MaxBlockBytes)
            return true;
        header.Warn($"PNG: a {type} chunk of {length} bytes is over the {limits.MaxBlockBytes}-byte limit; skipped");
        return false;
    }

    private static byte[] ReadBytes(Stream window, int length)
    {
        var bytes = new byte[length];
        window.ReadExactly(bytes);
        return bytes;
    }

    private static string Printable(string type) => type.All(char.IsAsciiLetter) ? type : "(garbled)";
}

/// <summary>
/// ImageMagick's "raw profile" text: a line with the profile name, a line with the byte count, then
/// the bytes in hex over many lines. The EXIF inside has the "Exif\0\0" preamble.
/// </summary>
internal static class RawProfile
{
    public static byte[]? Decode(byte[] text)
    {
        var lines = Encoding.ASCII.GetString(text).Split('\n',
            StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 3 || !int.TryParse(lines[1], out var length) || length <= 0 || length > text.Length / 2)
            return null;

        var hex = string.Concat(lines.Skip(2));
        if (hex.Length < length * 2)
            return null;
        try
        {
            return Convert.FromHexString(hex.AsSpan(0, length * 2));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

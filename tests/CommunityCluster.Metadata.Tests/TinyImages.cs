using System.Buffers.Binary;
using System.Text;

namespace CommunityCluster.Metadata.Tests;

/// <summary>
/// Images made in code, header and all, with no real pixels behind them: the reader never decodes
/// pixels, so a frame header that declares a size is all a test needs.
/// </summary>
public static class TinyImages
{
    public const string XmpNamespaces =
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" "
        + "xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"";

    /// <summary>An XMP packet whose rdf:Description holds <paramref name="properties"/>.</summary>
    public static string Xmp(string properties) =>
        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + $"<rdf:Description rdf:about=\"\" {XmpNamespaces}>{properties}</rdf:Description></rdf:RDF></x:xmpmeta>";

    /// <summary>A dc:title or dc:description in the default language.</summary>
    public static string XmpAlt(string name, string value) =>
        $"<dc:{name}><rdf:Alt><rdf:li xml:lang=\"x-default\">{value}</rdf:li></rdf:Alt></dc:{name}>";

    public static byte[] Jpeg(int width, int height, ExifBuilder? exif = null, string? xmp = null)
    {
        var jpeg = new List<byte> { 0xFF, 0xD8 };
        if (exif is not null)
            jpeg.AddRange(Segment(0xE1, [.. "Exif\0\0"u8, .. exif.Build()]));
        if (xmp is not null)
            jpeg.AddRange(Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.UTF8.GetBytes(xmp)]));

        var frame = new byte[15];
        frame[0] = 8;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(1), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(3), (ushort)width);
        frame[5] = 3;
        for (var c = 0; c < 3; c++)
            (frame[6 + 3 * c], frame[7 + 3 * c], frame[8 + 3 * c]) = ((byte)(c + 1), 0x11, 0);
        jpeg.AddRange(Segment(0xC0, frame));
        jpeg.AddRange(Segment(0xDA, [3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]));
        jpeg.AddRange([0x12, 0x34, 0x56, 0xFF, 0xD9]);
        return [.. jpeg];
    }

    public static byte[] Segment(byte marker, byte[] payload)
    {
        var length = payload.Length + 2;
        return [0xFF, marker, (byte)(length >> 8), (byte)length, .. payload];
    }

    /// <summary>A PNG with the given chunks between its header and its (empty) image data.</summary>
    public static byte[] Png(int width, int height, params (string Type, byte[] Data)[] chunks)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;

        var png = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        png.AddRange(Chunk("IHDR", header));
        foreach (var (type, data) in chunks)
            png.AddRange(Chunk(type, data));
        png.AddRange(Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
        png.AddRange(Chunk("IEND", []));
        return [.. png];
    }

    public static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>A lossy WebP: VP8X canvas (when asked), a VP8 frame header, and EXIF.</summary>
    public static byte[] WebP(int width, int height, ExifBuilder? exif = null, bool extended = true)
    {
        var chunks = new List<byte>();
        if (extended)
        {
            var x = new byte[10];
            x[0] = (byte)(exif is null ? 0 : 0x08);
            WriteUInt24(x.AsSpan(4), width - 1);
            WriteUInt24(x.AsSpan(7), height - 1);
            chunks.AddRange(RiffChunk("VP8X", x));
        }

        var frame = new byte[10];
        (frame[3], frame[4], frame[5]) = (0x9D, 0x01, 0x2A);
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(8), (ushort)height);
        chunks.AddRange(RiffChunk("VP8 ", frame));
        if (exif is not null)
            chunks.AddRange(RiffChunk("EXIF", exif.Build()));

        var riff = new byte[12];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteInt32LittleEndian(riff.AsSpan(4), chunks.Count + 4);
        "WEBP"u8.CopyTo(riff.AsSpan(8));
        return [.. riff, .. chunks];
    }

    public static byte[] RiffChunk(string type, byte[] data)
    {
        var header = new byte[8];
        Encoding.ASCII.GetBytes(type).CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), data.Length);
        return (data.Length & 1) == 1 ? [.. header, .. data, 0] : [.. header, .. data];
    }

    private static void WriteUInt24(Span<byte> at, int value) => (at[0], at[1], at[2]) = ((byte)value,
        (byte)(value >> 8), (byte)(value >> 16));

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }

        return ~crc;
    }
}

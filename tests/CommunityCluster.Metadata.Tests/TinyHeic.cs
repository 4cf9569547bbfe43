using System.Buffers.Binary;
using System.Text;

namespace CommunityCluster.Metadata.Tests;

/// <summary>
/// A HEIC as phones lay it out, without the coded picture: ftyp, a meta box whose primary item
/// (1, hvc1) has ispe and, when asked, irot properties, an Exif item (2) describing it, and an mdat
/// holding the EXIF.
/// </summary>
public static class TinyHeic
{
    public static byte[] Build(int width, int height, int? anticlockwiseDegrees = null, ExifBuilder? exif = null,
        string major = "heic")
    {
        var exifPayload = exif is null ? [] : (byte[])[0, 0, 0, 0, .. exif.Build()];
        var ftyp = Box("ftyp", [.. Ascii(major), 0, 0, 0, 0, .. Ascii("mif1"), .. Ascii(major)]);

        // The meta box's size does not depend on where the EXIF lands, so build it once to measure.
        var meta = Meta(width, height, anticlockwiseDegrees, exifPayload.Length, 0);
        var exifOffset = ftyp.Length + meta.Length + 8;
        meta = Meta(width, height, anticlockwiseDegrees, exifPayload.Length, exifOffset);

        // mdat comes last, as phones write it (MetadataExtractor skips a last box, so meta must not be).
        return [.. ftyp, .. meta, .. Box("mdat", exifPayload)];
    }

    public static byte[] Box(string type, byte[] content)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, content.Length + 8);
        Encoding.ASCII.GetBytes(type).CopyTo(header, 4);
        return [.. header, .. content];
    }

    public static byte[] FullBox(string type, byte version, byte[] content) => Box(type, [version, 0, 0, 0,
        .. content]);

    private static byte[] Meta(int width, int height, int? anticlockwiseDegrees, int exifLength, int exifOffset)
    {
        var hasExif = exifLength > 0;
        var hdlr = FullBox("hdlr", 0, [0, 0, 0, 0, .. Ascii("pict"), .. new byte[12], 0]);
        var pitm = FullBox("pitm", 0, U16(1));
        byte[] infeImage = FullBox("infe", 2, [.. U16(1), .. U16(0), .. Ascii("hvc1"), 0]);
        byte[] infeExif = FullBox("infe", 2, [.. U16(2), .. U16(0), .. Ascii("Exif"), 0]);
        var iinf = FullBox("iinf", 0, hasExif ? [.. U16(2), .. infeImage, .. infeExif] : [.. U16(1), .. infeImage]);
        var iref = FullBox("iref", 0, Box("cdsc", [.. U16(2), .. U16(1), .. U16(1)]));

        var properties = new List<byte>(FullBox("ispe", 0, [.. U32(width), .. U32(height)]));
        if (anticlockwiseDegrees is { } degrees)
            properties.AddRange(Box("irot", [(byte)(degrees / 90)]));
        byte[] associations = anticlockwiseDegrees is null ? [1, 0x81] : [2, 0x81, 0x02];
        var ipma = FullBox("ipma", 0, [.. U32(1), .. U16(1), .. associations]);
        var iprp = Box("iprp", [.. Box("ipco", [.. properties]), .. ipma]);

        // iloc version 0: 4-byte offsets and lengths, no base offset, one extent per item.
        var iloc = FullBox("iloc", 0, hasExif
            ? [0x44, 0x00, .. U16(1), .. U16(2), .. U16(0), .. U16(1), .. U32(exifOffset), .. U32(exifLength)]
            : [0x44, 0x00, .. U16(0)]);

        byte[] children = hasExif ? [.. hdlr, .. pitm, .. iinf, .. iref, .. iprp, .. iloc] : [.. hdlr, .. pitm,
            .. iinf, .. iprp, .. iloc];
        return FullBox("meta", 0, children);
    }

    private static byte[] Ascii(string fourCc) => Encoding.ASCII.GetBytes(fourCc);

    private static byte[] U16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] U32(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}

using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Photoshop;
using MetadataExtractor.Formats.Xmp;

namespace CommunityCluster.Metadata;

/// <summary>
/// Walks a JPEG's marker segments up to the first scan, keeping the frame header and the metadata
/// segments, and hands those to MetadataExtractor's segment readers. The walk is this project's
/// own because MetadataExtractor's throws away everything it read when the file ends early, and a
/// truncated upload still has a readable header.
/// </summary>
internal static class JpegHeader
{
    // Far more than any camera writes; a file with more is garbage that happens to look like markers.
    private const int MaxSegments = 4096;

    private const byte Sos = 0xDA;
    private const byte Eoi = 0xD9;

    private static readonly IJpegSegmentMetadataReader[] Readers =
        [new JpegReader(), new ExifReader(), new XmpReader(), new PhotoshopReader(), new IptcReader()];

    private static readonly HashSet<JpegSegmentType> Wanted = [.. Readers.SelectMany(r => r.SegmentTypes)];

    public static void Read(Stream window, Header header)
    {
        var segments = new List<JpegSegment>();
        using var input = new BufferedStream(window, 64 * 1024);

        Walk(input, segments, header);

        CheckEnd(input, header);

        header.Directories.AddRange(JpegMetadataReader.ProcessJpegSegments(Readers, segments));
        var frame = header.Directories.OfType<JpegDirectory>().FirstOrDefault();
        if (frame is null)
        {
            header.Warn("JPEG: no frame header (SOF) before the image data");
            return;
        }

        if (frame.TryGetInt32(JpegDirectory.TagImageWidth, out var width)
            && frame.TryGetInt32(JpegDirectory.TagImageHeight, out var height))
            header.SetStoredSize(width, height, "JPEG frame header");
    }

    /// <summary>
    /// A whole JPEG ends with EOI, perhaps followed by a little padding; one that does not was cut
    /// short, which a header-only read would otherwise never notice. Skipped when the file is
    /// longer than the part examined.
    /// </summary>
    private static void CheckEnd(Stream input, Header header)
    {
        if (header.ExaminedBytes is not null || input.Length < 4)
            return;

        var tail = new byte[(int)Math.Min(64, input.Length)];
        input.Position = input.Length - tail.Length;
        input.ReadExactly(tail);

        var end = tail.AsSpan().TrimEnd((byte)0);
        if (!end.EndsWith([(byte)0xFF, (byte)Eoi]))
            header.Warn("JPEG: the file does not end with an end-of-image marker (truncated?)");
    }

    private static void Walk(Stream input, List<JpegSegment> segments, Header header)
    {
        input.Position = 2;
        var strayBytes = 0L;

        for (var count = 0; count < MaxSegments; count++)
        {
            var marker = NextMarker(input, ref strayBytes);
            if (strayBytes > 0)
            {
                header.Warn($"JPEG: {strayBytes} stray bytes between segments");
                strayBytes = 0;
            }

            switch (marker)
            {
                case < 0:
                    header.WarnEnded("JPEG", "before its image data");
                    return;
                case Sos:
                    return;
                case Eoi:
                    header.Warn("JPEG: the image ends before any image data");
                    return;
                case 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7):
                    continue; // markers without a length
            }

            if (!ReadSegment(input, (byte)marker, segments))
            {
                header.WarnEnded("JPEG", "inside a header segment");
                return;
            }
        }

        header.Warn($"JPEG: more than {MaxSegments} segments before the image data; the rest is ignored");
    }

    /// <summary>The next marker byte, skipping fill bytes and counting garbage; -1 at the end.</summary>
    private static int NextMarker(Stream input, ref long strayBytes)
    {
        while (true)
        {
            var b = input.ReadByte();
            if (b < 0)
                return -1;
            if (b != 0xFF)
            {
                strayBytes++;
                continue;
            }

            do
                b = input.ReadByte();
            while (b == 0xFF);

            if (b < 0)
                return -1;
            if (b != 0)
                return b;
            strayBytes += 2; // FF 00 is stuffed scan data, not a marker
        }
    }

    private static bool ReadSegment(Stream input, byte marker, List<JpegSegment> segments)
    {
        var high = input.ReadByte();
        var low = input.ReadByte();
        if (low < 0)
            return false;
        var length = (high << 8 | low) - 2;
        if (length < 0)
            return false;

        var type = (JpegSegmentType)marker;
        if (!Wanted.Contains(type))
        {
            if (input.Position + length > input.Length)
                return false;
            input.Seek(length, SeekOrigin.Current);
            return true;
        }

        var offset = input.Position;
        var bytes = new byte[length];
        if (input.ReadAtLeast(bytes, length, throwOnEndOfStream: false) < length)
            return false;

        segments.Add(new JpegSegment(type, bytes, offset));
        return true;
    }
}

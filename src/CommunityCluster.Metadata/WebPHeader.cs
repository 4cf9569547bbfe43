using System.Buffers.Binary;
using System.Text;

namespace CommunityCluster.Metadata;

/// <summary>
/// Walks a WebP's RIFF chunks: the canvas size (VP8X) or the first frame's size (VP8, VP8L), and
/// the EXIF and XMP chunks. This project's own walk, because MetadataExtractor 2.4.3 trusts the
/// sizes that the RIFF header declares and allocates them before finding the file shorter.
/// </summary>
internal static class WebPHeader
{
    private const int MaxChunks = 100_000;

    public static void Read(Stream window, MetadataLimits limits, Header header)
    {
        window.Position = 12;
        Span<byte> chunkHeader = stackalloc byte[8];
        var canvasKnown = false;

        for (var count = 0; count < MaxChunks; count++)
        {
            if (window.ReadAtLeast(chunkHeader, 8, throwOnEndOfStream: false) < 8)
                return; // RIFF has no end marker: the end of the file is the end of the chunks

            var type = Encoding.ASCII.GetString(chunkHeader[..4]);
            var length = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            if (window.Position + length > window.Length)
            {
                header.WarnEnded("WebP", $"inside chunk \"{type.Trim()}\"");
                return;
            }

            var next = window.Position + length + (length & 1); // chunks are padded to even lengths
            canvasKnown |= ReadChunk(window, type, (int)length, canvasKnown, limits, header);
            window.Position = Math.Min(next, window.Length);
        }
    }

    /// <summary>True once a size is known, so that later frames do not override the canvas.</summary>
    private static bool ReadChunk(Stream window, string type, int length, bool canvasKnown, MetadataLimits limits,
        Header header)
    {
        switch (type)
        {
            case "VP8X" when length >= 10:
                var x = ReadBytes(window, 10);
                header.SetStoredSize(1 + UInt24(x.AsSpan(4)), 1 + UInt24(x.AsSpan(7)), "WebP canvas");
                return true;
            case "VP8 " when length >= 10 && !canvasKnown:
                var lossy = ReadBytes(window, 10);
                if (lossy[3] != 0x9D || lossy[4] != 0x01 || lossy[5] != 0x2A)
                {
                    header.Warn("WebP: the VP8 frame header has no start code");
                    return false;
                }

                header.SetStoredSize(
                    BinaryPrimitives.ReadUInt16LittleEndian(lossy.AsSpan(6)) & 0x3FFF,
                    BinaryPrimitives.ReadUInt16LittleEndian(lossy.AsSpan(8)) & 0x3FFF,
                    "WebP VP8 frame");
                return true;
            case "VP8L" when length >= 5 && !canvasKnown:
                var lossless = ReadBytes(window, 5);
                if (lossless[0] != 0x2F)
                {
                    header.Warn("WebP: the VP8L frame header has no signature");
                    return false;
                }

                var bits = BinaryPrimitives.ReadUInt32LittleEndian(lossless.AsSpan(1));
                header.SetStoredSize(1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF), "WebP VP8L frame");
                return true;
            case "EXIF" or "XMP " when length > limits.MaxBlockBytes:
                header.Warn($"WebP: a {type.Trim()} chunk of {length} bytes is over the "
                    + $"{limits.MaxBlockBytes}-byte limit; skipped");
                return false;
            case "EXIF":
                MetadataBlocks.AddExif(header, ReadBytes(window, length), "WebP EXIF");
                return false;
            case "XMP ":
                MetadataBlocks.AddXmp(header, ReadBytes(window, length), "WebP XMP");
                return false;
            default:
                return false;
        }
    }

    private static long UInt24(ReadOnlySpan<byte> bytes) => bytes[0] | bytes[1] << 8 | bytes[2] << 16;

    private static byte[] ReadBytes(Stream window, int length)
    {
        var bytes = new byte[length];
        window.ReadExactly(bytes);
        return bytes;
    }
}

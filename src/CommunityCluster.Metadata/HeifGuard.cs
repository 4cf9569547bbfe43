using System.Buffers.Binary;

namespace CommunityCluster.Metadata;

/// <summary>
/// Checks the two counts in a HEIF's <c>meta</c> box that MetadataExtractor 2.4.3 allocates arrays
/// for before reading their entries: <c>iloc</c> version 2's item count and <c>ipma</c>'s entry
/// count, both 32-bit. A crafted file declaring billions would make it allocate gigabytes; here a
/// count must fit in the bytes of its box. Everything else in those boxes is read bounded.
/// </summary>
internal static class HeifGuard
{
    private const int MaxBoxes = 10_000;

    /// <summary>Null when the counts are sane, else what is wrong.</summary>
    public static string? Check(Stream window)
    {
        var visited = 0;
        return CheckBoxes(window, 0, window.Length, ref visited);
    }

    private static string? CheckBoxes(Stream window, long start, long end, ref int visited)
    {
        var position = start;
        while (position + 8 <= end)
        {
            if (++visited > MaxBoxes)
                return $"more than {MaxBoxes} boxes";
            if (ReadBox(window, position, end) is not var (type, contentStart, boxEnd))
                return "a box runs past its parent or the file";

            var problem = type switch
            {
                "meta" => CheckBoxes(window, contentStart + 4, boxEnd, ref visited), // meta is a full box
                "iprp" => CheckBoxes(window, contentStart, boxEnd, ref visited),
                "iloc" => CheckCount(window, contentStart, boxEnd, countAt: 6, minEntryBytes: 10, onlyVersion: 2),
                "ipma" => CheckCount(window, contentStart, boxEnd, countAt: 4, minEntryBytes: 3, onlyVersion: null),
                _ => null,
            };
            if (problem is not null)
                return problem;
            position = boxEnd;
        }

        return null;
    }

    private static (string Type, long ContentStart, long End)? ReadBox(Stream window, long position, long parentEnd)
    {
        Span<byte> header = stackalloc byte[16];
        window.Position = position;
        if (window.ReadAtLeast(header, 16, throwOnEndOfStream: false) < 8)
            return null;

        var size = (long)BinaryPrimitives.ReadUInt32BigEndian(header);
        var type = string.Create(4, header[4..8].ToArray(), static (chars, bytes) =>
        {
            for (var i = 0; i < 4; i++)
                chars[i] = (char)bytes[i];
        });
        var contentStart = position + 8;
        if (size == 1)
        {
            size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(header[8..]), long.MaxValue);
            contentStart += 8;
        }
        else if (size == 0)
        {
            size = parentEnd - position; // extends to the end of its parent
        }

        var end = position + size;
        return end < contentStart || end > parentEnd ? null : (type, contentStart, end);
    }

    /// <summary>A 32-bit entry count at <paramref name="countAt"/> must fit the box's bytes.</summary>
    private static string? CheckCount(Stream window, long contentStart, long end, int countAt, int minEntryBytes,
        int? onlyVersion)
    {
        Span<byte> head = stackalloc byte[countAt + 4];
        window.Position = contentStart;
        if (window.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length)
            return null; // too short to hold the count: MetadataExtractor fails on it cleanly

        if (onlyVersion is { } version && head[0] != version)
            return null;
        var count = BinaryPrimitives.ReadUInt32BigEndian(head[countAt..]);
        var room = end - contentStart - head.Length;
        return count * (long)minEntryBytes > room ? $"a box declares {count} entries in {room} bytes" : null;
    }
}

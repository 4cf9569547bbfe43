using System.Runtime.Serialization;
using System.Text;
using CommunityCluster.Meta.Catalog;
using CommunityCluster.Metadata;

namespace CommunityCluster.Meta.Replication;

/// <summary>
/// The stored and wire form of catalog and album keys, version 1. Compact binary, because every
/// byte of a key is gossiped (a record is about 250 bytes here against 550 as JSON), and
/// deterministic, because the replicator compares replicas by a digest of these bytes: equal
/// values must encode equally on every home, or gossip would resend them forever.
/// <code>
/// bucket  = version:u8 writers:count(str) records:count(record)
/// record  = id incarnation:v64 deletedAt:v64 hasFacts:u8 [facts] title:lww-str description:lww-str preview
/// dots(albums) dots(tags)
/// facts   = present:u16 name type size:v64 [width:v32] [height:v32] takenLocal:v64 [offsetMinutes:i16] source:u8
///           [make] [model] [lens] [exposure] [gps] uploader uploadedAtUtc:v64
/// lww     = at:v64 writer:v32 (at > 0: value)
/// dots    = count(element:str writer:v32 counter:v64) count(writer:v32 counter:v64)
/// id      = 0 (none) | 1 + 32 bytes (64 lowercase hex digits) | 2 + str
/// </code>
/// Strings are length-prefixed UTF-8, v32/v64 are 7-bit varints, writers index the bucket's table.
/// A new shape gets version 2 and this reader stays (STYLE.md habit 4).
/// </summary>
internal static class CatalogCodec
{
    public const byte Version1 = 1;

    public static byte[] EncodeBucket(CatalogBucket bucket)
    {
        var writers = WriterTable(bucket.Entries.SelectMany(WritersOf));
        using var stream = new MemoryStream(64 + bucket.Entries.Count * 256);
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version1);
            WriteTable(w, writers);
            w.Write7BitEncodedInt(bucket.Entries.Count);
            foreach (var entry in bucket.Entries)
                WriteEntry(w, entry, writers);
        }

        return stream.ToArray();
    }

    public static CatalogBucket DecodeBucket(byte[] bytes) => Decode(bytes, r =>
    {
        var writers = ReadTable(r);
        var entries = new PhotoEntry[ReadCount(r)];
        for (var i = 0; i < entries.Length; i++)
            entries[i] = ReadEntry(r, writers);

        return entries.Length == 0 ? CatalogBucket.Empty : new CatalogBucket(entries);
    });

    public static byte[] EncodeAlbums(AlbumBucket bucket)
    {
        var writers = WriterTable(bucket.Entries.Select(a => a.Name.By));
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version1);
            WriteTable(w, writers);
            w.Write7BitEncodedInt(bucket.Entries.Count);
            foreach (var album in bucket.Entries)
            {
                WriteId(w, album.AlbumId);
                w.Write7BitEncodedInt64(album.CreatedAt);
                w.Write(album.CreatedBy);
                WriteLww(w, album.Name, writers, (ww, v) => ww.Write(v));
                w.Write7BitEncodedInt64(album.DeletedAt);
            }
        }

        return stream.ToArray();
    }

    public static AlbumBucket DecodeAlbums(byte[] bytes) => Decode(bytes, r =>
    {
        var writers = ReadTable(r);
        var albums = new AlbumEntry[ReadCount(r)];
        for (var i = 0; i < albums.Length; i++)
        {
            albums[i] = new AlbumEntry(ReadId(r) ?? throw new SerializationException("album without id"),
                r.Read7BitEncodedInt64(),
                Interned.Of(r.ReadString()), ReadLww(r, writers, rr => rr.ReadString()), r.Read7BitEncodedInt64());
        }

        return albums.Length == 0 ? AlbumBucket.Empty : new AlbumBucket(albums);
    });

    /// <summary>A total order on facts by their encoded form: the last tie-break of <see
    /// cref="PhotoFacts.Earliest"/>.</summary>
    public static int CompareEncoded(PhotoFacts a, PhotoFacts b)
    {
        static byte[] Encode(PhotoFacts facts)
        {
            using var stream = new MemoryStream();
            using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
                WriteFacts(w, facts);
            return stream.ToArray();
        }

        return Encode(a).AsSpan().SequenceCompareTo(Encode(b));
    }

    private static T Decode<T>(byte[] bytes, Func<BinaryReader, T> read)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
            var version = r.ReadByte();
            if (version != Version1)
                throw new SerializationException($"catalog encoding version {version} is unknown here (this node reads {Version1})");

            var value = read(r);
            if (r.BaseStream.Position != bytes.Length)
                throw new SerializationException("trailing bytes after a catalog value");
            return value;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException or OverflowException
            or DecoderFallbackException)
        {
            throw new SerializationException($"malformed catalog value: {e.Message}", e);
        }
    }

    private static IEnumerable<string> WritersOf(PhotoEntry e) =>
        new[] { (e.Title.At, e.Title.By), (e.Description.At, e.Description.By), (e.Preview.At, e.Preview.By) }
            .Where(lww => lww.At > 0).Select(lww => lww.By)
            .Concat(e.Albums.Dots.Select(d => d.Writer)).Concat(e.Albums.Context.Select(c => c.Writer))
            .Concat(e.Tags.Dots.Select(d => d.Writer)).Concat(e.Tags.Context.Select(c => c.Writer));

    private static Dictionary<string, int> WriterTable(IEnumerable<string> writers) =>
        writers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select((writer, index) => (writer, index)).ToDictionary(p => p.writer, p => p.index,
                StringComparer.Ordinal);

    private static void WriteTable(BinaryWriter w, Dictionary<string, int> writers)
    {
        w.Write7BitEncodedInt(writers.Count);
        foreach (var writer in writers.OrderBy(p => p.Value).Select(p => p.Key))
            w.Write(writer);
    }

    private static string[] ReadTable(BinaryReader r)
    {
        var writers = new string[ReadCount(r)];
        for (var i = 0; i < writers.Length; i++)
            writers[i] = Interned.Of(r.ReadString());
        return writers;
    }

    private static int ReadCount(BinaryReader r)
    {
        var count = r.Read7BitEncodedInt();
        if (count < 0 || count > r.BaseStream.Length - r.BaseStream.Position)
            throw new SerializationException($"count {count} is larger than what is left of the value");
        return count;
    }

    private static void WriteEntry(BinaryWriter w, PhotoEntry e, Dictionary<string, int> writers)
    {
        WriteId(w, e.PhotoId);
        w.Write7BitEncodedInt64(e.Incarnation);
        w.Write7BitEncodedInt64(e.DeletedAt);
        w.Write((byte)(e.Facts is null ? 0 : 1));
        if (e.Facts is not null)
            WriteFacts(w, e.Facts);

        WriteLww(w, e.Title, writers, (ww, v) => ww.Write(v ?? ""));
        WriteLww(w, e.Description, writers, (ww, v) => ww.Write(v ?? ""));
        WriteLww(w, e.Preview, writers, (ww, p) =>
        {
            ww.Write((byte)p.State);
            WriteId(ww, p.SmallThumbnailId);
            WriteId(ww, p.LargeThumbnailId);
        });
        WriteDots(w, e.Albums, writers);
        WriteDots(w, e.Tags, writers);
    }

    private static PhotoEntry ReadEntry(BinaryReader r, string[] writers)
    {
        var id = ReadId(r) ?? throw new SerializationException("record without id");
        var incarnation = r.Read7BitEncodedInt64();
        var deletedAt = r.Read7BitEncodedInt64();
        var facts = r.ReadByte() == 1 ? ReadFacts(r) : null;
        var title = ReadLww(r, writers, rr => (string?)rr.ReadString());
        var description = ReadLww(r, writers, rr => (string?)rr.ReadString());
        var preview = ReadLww(r, writers, rr => new Preview(ReadState(rr), ReadId(rr), ReadId(rr)));
        return new PhotoEntry(id, incarnation, deletedAt, facts, title, description, preview, ReadDots(r, writers),
            ReadDots(r, writers));
    }

    [Flags]
    private enum FactBits : ushort
    {
        Width = 1,
        Height = 2,
        Offset = 4,
        Make = 8,
        Model = 16,
        Lens = 32,
        Exposure = 64,
        Position = 128,
    }

    private static void WriteFacts(BinaryWriter w, PhotoFacts f)
    {
        var bits = (f.Width is null ? 0 : FactBits.Width) | (f.Height is null ? 0 : FactBits.Height)
            | (f.TakenOffset is null ? 0 : FactBits.Offset) | (f.CameraMake is null ? 0 : FactBits.Make)
            | (f.CameraModel is null ? 0 : FactBits.Model) | (f.Lens is null ? 0 : FactBits.Lens)
            | (f.Exposure is null ? 0 : FactBits.Exposure) | (f.Position is null ? 0 : FactBits.Position);
        w.Write((ushort)bits);
        w.Write(f.FileName);
        w.Write(f.ContentType);
        w.Write7BitEncodedInt64(f.Size);
        if (f.Width is { } width)
            w.Write7BitEncodedInt(width);
        if (f.Height is { } height)
            w.Write7BitEncodedInt(height);
        w.Write7BitEncodedInt64(f.TakenLocal.Ticks);
        if (f.TakenOffset is { } offset)
            w.Write((short)offset.TotalMinutes);
        w.Write((byte)f.TakenSource);
        WriteIf(w, f.CameraMake);
        WriteIf(w, f.CameraModel);
        WriteIf(w, f.Lens);
        if (f.Exposure is { } x)
            WriteExposure(w, x);
        if (f.Position is { } p)
        {
            w.Write(p.Latitude);
            w.Write(p.Longitude);
            w.Write(p.Altitude is not null);
            if (p.Altitude is { } altitude)
                w.Write(altitude);
        }

        w.Write(f.Uploader);
        w.Write7BitEncodedInt64(f.UploadedAtUtc.Ticks);
    }

    private static PhotoFacts ReadFacts(BinaryReader r)
    {
        var bits = (FactBits)r.ReadUInt16();
        var fileName = r.ReadString();
        var contentType = Interned.Of(r.ReadString());
        var size = r.Read7BitEncodedInt64();
        int? width = bits.HasFlag(FactBits.Width) ? r.Read7BitEncodedInt() : null;
        int? height = bits.HasFlag(FactBits.Height) ? r.Read7BitEncodedInt() : null;
        var takenLocal = new DateTime(r.Read7BitEncodedInt64(), DateTimeKind.Unspecified);
        TimeSpan? offset = bits.HasFlag(FactBits.Offset) ? TimeSpan.FromMinutes(r.ReadInt16()) : null;
        var source = (TakenAtSource)r.ReadByte();
        if (!Enum.IsDefined(source))
            throw new SerializationException($"unknown taken-at source {(int)source}");
        var make = bits.HasFlag(FactBits.Make) ? Interned.Of(r.ReadString()) : null;
        var model = bits.HasFlag(FactBits.Model) ? Interned.Of(r.ReadString()) : null;
        var lens = bits.HasFlag(FactBits.Lens) ? Interned.Of(r.ReadString()) : null;
        var exposure = bits.HasFlag(FactBits.Exposure) ? ReadExposure(r) : null;
        var position = bits.HasFlag(FactBits.Position)
            ? new GeoPosition(r.ReadDouble(), r.ReadDouble(), r.ReadBoolean() ? r.ReadDouble() : null)
            : null;
        var uploader = Interned.Of(r.ReadString());
        var uploadedAt = new DateTime(r.Read7BitEncodedInt64(), DateTimeKind.Utc);
        return new PhotoFacts(fileName, contentType, size, width, height, takenLocal, offset, source, make, model, lens,
            exposure, position, uploader, uploadedAt);
    }

    private static void WriteExposure(BinaryWriter w, Exposure x)
    {
        w.Write((byte)((x.ExposureTime is null ? 0 : 1) | (x.FNumber is null ? 0 : 2) | (x.Iso is null ? 0 : 4)
            | (x.FocalLength is null ? 0 : 8) | (x.FocalLength35mm is null ? 0 : 16)));
        if (x.ExposureTime is { } time)
            w.Write(time);
        if (x.FNumber is { } f)
            w.Write(f);
        if (x.Iso is { } iso)
            w.Write7BitEncodedInt(iso);
        if (x.FocalLength is { } focal)
            w.Write(focal);
        if (x.FocalLength35mm is { } focal35)
            w.Write7BitEncodedInt(focal35);
    }

    private static Exposure ReadExposure(BinaryReader r)
    {
        var bits = r.ReadByte();
        return new Exposure(
            (bits & 1) != 0 ? r.ReadDouble() : null,
            (bits & 2) != 0 ? r.ReadDouble() : null,
            (bits & 4) != 0 ? r.Read7BitEncodedInt() : null,
            (bits & 8) != 0 ? r.ReadDouble() : null,
            (bits & 16) != 0 ? r.Read7BitEncodedInt() : null);
    }

    private static PhotoState ReadState(BinaryReader r)
    {
        var state = (PhotoState)r.ReadByte();
        return Enum.IsDefined(state) ? state : throw new SerializationException($"unknown photo state {(int)state}");
    }

    private static void WriteLww<T>(BinaryWriter w, Lww<T> lww, Dictionary<string, int> writers, Action<BinaryWriter,
        T> value)
    {
        w.Write7BitEncodedInt64(lww.At);
        if (lww.At == 0)
            return;

        w.Write7BitEncodedInt(writers[lww.By]);
        w.Write(lww.Value is not null);
        if (lww.Value is not null)
            value(w, lww.Value);
    }

    private static Lww<T> ReadLww<T>(BinaryReader r, string[] writers, Func<BinaryReader, T> value)
    {
        var at = r.Read7BitEncodedInt64();
        if (at == 0)
            return Lww<T>.Unset;

        var by = Writer(r, writers);
        return new Lww<T>(r.ReadBoolean() ? value(r) : default!, at, by);
    }

    private static void WriteDots(BinaryWriter w, DotSet set, Dictionary<string, int> writers)
    {
        w.Write7BitEncodedInt(set.Dots.Length);
        foreach (var dot in set.Dots)
        {
            w.Write(dot.Element);
            w.Write7BitEncodedInt(writers[dot.Writer]);
            w.Write7BitEncodedInt64(dot.Counter);
        }

        w.Write7BitEncodedInt(set.Context.Length);
        foreach (var clock in set.Context)
        {
            w.Write7BitEncodedInt(writers[clock.Writer]);
            w.Write7BitEncodedInt64(clock.Counter);
        }
    }

    private static DotSet ReadDots(BinaryReader r, string[] writers)
    {
        var dots = new DotSet.Dot[ReadCount(r)];
        for (var i = 0; i < dots.Length; i++)
            dots[i] = new DotSet.Dot(Interned.Of(r.ReadString()), Writer(r, writers), r.Read7BitEncodedInt64());

        var context = new DotSet.Clock[ReadCount(r)];
        for (var i = 0; i < context.Length; i++)
            context[i] = new DotSet.Clock(Writer(r, writers), r.Read7BitEncodedInt64());

        return DotSet.FromParts(dots, context);
    }

    private static string Writer(BinaryReader r, string[] writers)
    {
        var index = r.Read7BitEncodedInt();
        return index >= 0 && index < writers.Length ? writers[index]
            : throw new SerializationException($"writer {index} is not in the table");
    }

    private static void WriteIf(BinaryWriter w, string? text)
    {
        if (text is not null)
            w.Write(text);
    }

    private static void WriteId(BinaryWriter w, string? id)
    {
        if (id is null)
        {
            w.Write((byte)0);
        }
        else if (IsLowerHex64(id))
        {
            w.Write((byte)1);
            w.Write(Convert.FromHexString(id));
        }
        else
        {
            w.Write((byte)2);
            w.Write(id);
        }
    }

    private static string? ReadId(BinaryReader r) => r.ReadByte() switch
    {
        0 => null,
        1 => Convert.ToHexStringLower(r.ReadBytes(32) is { Length: 32 } raw ? raw : throw new EndOfStreamException()),
        2 => r.ReadString(),
        var tag => throw new SerializationException($"unknown id tag {tag}"),
    };

    private static bool IsLowerHex64(string id) =>
        id.Length == 64 && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}

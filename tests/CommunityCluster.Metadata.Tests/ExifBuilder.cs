using System.Buffers.Binary;
using System.Text;

namespace CommunityCluster.Metadata.Tests;

/// <summary>
/// Builds a big-endian TIFF/EXIF block with an IFD0, and an Exif and a GPS sub-IFD when they have
/// entries, so tests state exactly the tags a case needs.
/// </summary>
public sealed class ExifBuilder
{
    public const ushort Make = 0x010F;
    public const ushort Model = 0x0110;
    public const ushort Orientation = 0x0112;
    public const ushort ImageDescription = 0x010E;
    public const ushort DateTimeOriginal = 0x9003;
    public const ushort DateTimeDigitized = 0x9004;
    public const ushort OffsetTime = 0x9010;
    public const ushort OffsetTimeOriginal = 0x9011;
    public const ushort SubSecTimeOriginal = 0x9291;
    public const ushort ExposureTime = 0x829A;
    public const ushort FNumber = 0x829D;
    public const ushort Iso = 0x8827;
    public const ushort FocalLength = 0x920A;
    public const ushort LensModel = 0xA434;
    public const ushort GpsLatitudeRef = 0x0001;
    public const ushort GpsLatitude = 0x0002;
    public const ushort GpsLongitudeRef = 0x0003;
    public const ushort GpsLongitude = 0x0004;
    public const ushort GpsAltitudeRef = 0x0005;
    public const ushort GpsAltitude = 0x0006;

    private const ushort ExifPointer = 0x8769;
    private const ushort GpsPointer = 0x8825;

    private readonly List<Entry> _ifd0 = [];
    private readonly List<Entry> _exif = [];
    private readonly List<Entry> _gps = [];

    public ExifBuilder Ifd0(ushort tag, string value) => Add(_ifd0, Ascii(tag, value));

    public ExifBuilder Ifd0(ushort tag, ushort value) => Add(_ifd0, Short(tag, value));

    public ExifBuilder Exif(ushort tag, string value) => Add(_exif, Ascii(tag, value));

    public ExifBuilder Exif(ushort tag, ushort value) => Add(_exif, Short(tag, value));

    public ExifBuilder Exif(ushort tag, uint numerator, uint denominator) => Add(_exif, Rationals(tag, (numerator,
        denominator)));

    public ExifBuilder Gps(ushort tag, string value) => Add(_gps, Ascii(tag, value));

    public ExifBuilder Gps(ushort tag, byte value) => Add(_gps, new Entry(tag, 1, 1, [value]));

    public ExifBuilder Gps(ushort tag, params (uint Numerator, uint Denominator)[] values) => Add(_gps, Rationals(tag,
        values));

    /// <summary>Decimal degrees as whole degrees, minutes and hundredths of seconds.</summary>
    public ExifBuilder GpsDegrees(ushort tag, double degrees)
    {
        var d = (uint)degrees;
        var minutes = (degrees - d) * 60;
        var m = (uint)minutes;
        var s = (uint)Math.Round((minutes - m) * 60 * 100);
        return Gps(tag, (d, 1), (m, 1), (s, 100));
    }

    public byte[] Build()
    {
        var ifd0 = new List<Entry>(_ifd0);
        if (_exif.Count > 0)
            ifd0.Add(new Entry(ExifPointer, 4, 1, new byte[4]));
        if (_gps.Count > 0)
            ifd0.Add(new Entry(GpsPointer, 4, 1, new byte[4]));

        var exifStart = 8 + Size(ifd0);
        var gpsStart = exifStart + (_exif.Count > 0 ? Size(_exif) : 0);
        SetLong(ifd0, ExifPointer, exifStart);
        SetLong(ifd0, GpsPointer, gpsStart);

        var tiff = new List<byte> { (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8 };
        tiff.AddRange(Serialize(ifd0, 8));
        if (_exif.Count > 0)
            tiff.AddRange(Serialize(_exif, exifStart));
        if (_gps.Count > 0)
            tiff.AddRange(Serialize(_gps, gpsStart));
        return [.. tiff];
    }

    private ExifBuilder Add(List<Entry> ifd, Entry entry)
    {
        ifd.Add(entry);
        return this;
    }

    private static Entry Ascii(ushort tag, string value)
    {
        var bytes = Encoding.ASCII.GetBytes(value + "\0");
        return new Entry(tag, 2, (uint)bytes.Length, bytes);
    }

    private static Entry Short(ushort tag, ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return new Entry(tag, 3, 1, bytes);
    }

    private static Entry Rationals(ushort tag, params (uint Numerator, uint Denominator)[] values)
    {
        var bytes = new byte[8 * values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8 * i), values[i].Numerator);
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8 * i + 4), values[i].Denominator);
        }

        return new Entry(tag, 5, (uint)values.Length, bytes);
    }

    private static void SetLong(List<Entry> ifd, ushort tag, int value)
    {
        if (ifd.Find(e => e.Tag == tag) is { } entry)
            BinaryPrimitives.WriteInt32BigEndian(entry.Value, value);
    }

    private static int Size(List<Entry> ifd) => 2 + 12 * ifd.Count + 4 + ifd.Sum(e => e.Value.Length > 4
        ? e.Value.Length + (e.Value.Length & 1) : 0);

    private static byte[] Serialize(List<Entry> ifd, int start)
    {
        var sorted = ifd.OrderBy(e => e.Tag).ToList();
        var directory = new byte[2 + 12 * sorted.Count + 4];
        var data = new List<byte>();
        var dataStart = start + directory.Length;
        BinaryPrimitives.WriteUInt16BigEndian(directory, (ushort)sorted.Count);

        for (var i = 0; i < sorted.Count; i++)
        {
            var entry = sorted[i];
            var at = directory.AsSpan(2 + 12 * i);
            BinaryPrimitives.WriteUInt16BigEndian(at, entry.Tag);
            BinaryPrimitives.WriteUInt16BigEndian(at[2..], entry.Type);
            BinaryPrimitives.WriteUInt32BigEndian(at[4..], entry.Count);
            if (entry.Value.Length <= 4)
            {
                entry.Value.CopyTo(at[8..]);
                continue;
            }

            BinaryPrimitives.WriteInt32BigEndian(at[8..], dataStart + data.Count);
            data.AddRange(entry.Value);
            if ((entry.Value.Length & 1) == 1)
                data.Add(0);
        }

        return [.. directory, .. data];
    }

    private sealed record Entry(ushort Tag, ushort Type, uint Count, byte[] Value);
}

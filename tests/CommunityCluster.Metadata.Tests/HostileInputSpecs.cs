using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CommunityCluster.Metadata.Tests;

/// <summary>Crafted files: each must give a typed outcome, no exception, and no unbounded work.</summary>
public class HostileInputSpecs
{
    private static readonly DateTimeOffset UploadedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PhotoMetadataReader_should_skip_a_PNG_chunk_that_declares_more_than_the_file_holds()
    {
        var png = TinyImages.Png(10, 10);
        byte[] huge = [.. png[..33], 0x7F, 0xFF, 0xFF, 0xF0, .. "eXIf"u8, 1, 2, 3];

        var metadata = Read(huge);

        Assert.Equal((MetadataOutcome.Photo, 10, 10), (metadata.Outcome, metadata.Width!.Value,
            metadata.Height!.Value));
        Assert.Contains(metadata.Warnings, w => w.Contains("eXIf", StringComparison.Ordinal));
    }

    [Fact]
    public void PhotoMetadataReader_should_stop_inflating_a_compressed_XMP_text_chunk_at_its_limit()
    {
        var bomb = Compress(new byte[8 * 1024 * 1024]);
        byte[] itxt = [.. "XML:com.adobe.xmp"u8, 0, 1, 0, 0, 0, .. bomb];
        var limits = new MetadataLimits { MaxBlockBytes = 64 * 1024 };

        var metadata = PhotoMetadataReader.Read(new MemoryStream(TinyImages.Png(10, 10, ("iTXt", itxt))), "id",
            "x.png", UploadedAt, limits);

        Assert.Equal(MetadataOutcome.Photo, metadata.Outcome);
        Assert.Contains(metadata.Warnings, w => w.Contains("inflates past", StringComparison.Ordinal));
    }

    [Fact]
    public void PhotoMetadataReader_should_read_compressed_XMP_within_its_limit()
    {
        var xmp = Encoding.UTF8.GetBytes(TinyImages.Xmp(TinyImages.XmpAlt("title", "Harbour")));
        byte[] itxt = [.. "XML:com.adobe.xmp"u8, 0, 1, 0, 0, 0, .. Compress(xmp)];

        var metadata = Read(TinyImages.Png(10, 10, ("iTXt", itxt)));

        Assert.Equal("Harbour", metadata.Title);
    }

    [Fact]
    public void PhotoMetadataReader_should_not_expand_entities_declared_in_XMP()
    {
        const string laughs = "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
            + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
            + "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">]>";
        var xmp = laughs + TinyImages.Xmp(TinyImages.XmpAlt("title", "&f;"));

        var metadata = Read(TinyImages.Jpeg(8, 6, xmp: xmp));

        Assert.Equal(MetadataOutcome.Photo, metadata.Outcome);
        Assert.Null(metadata.Title);
    }

    [Fact]
    public void PhotoMetadataReader_should_refuse_a_RIFF_chunk_that_declares_more_than_the_file_holds()
    {
        var webp = TinyImages.WebP(64, 48);
        byte[] lying = [.. webp, .. "EXIF"u8, 0xF0, 0xFF, 0xFF, 0x7F, 1, 2, 3, 4];

        var metadata = Read(lying);

        Assert.Equal((64, 48), (metadata.Width, metadata.Height));
        Assert.Contains(metadata.Warnings, w => w.Contains("EXIF", StringComparison.Ordinal));
    }

    [Fact]
    public void PhotoMetadataReader_should_refuse_HEIF_boxes_that_declare_billions_of_entries()
    {
        var heic = TinyHeic.Build(100, 100);
        var ipma = IndexOf(heic, "ipma"u8);
        BinaryPrimitives.WriteUInt32BigEndian(heic.AsSpan(ipma + 12),
            0x7FFFFFFF); // after size, type, version and flags

        var metadata = Read(heic);

        Assert.Equal((ImageFormat.Heic, MetadataOutcome.Unreadable), (metadata.Format, metadata.Outcome));
        Assert.Contains(metadata.Warnings, w => w.Contains("entries", StringComparison.Ordinal));
    }

    [Fact]
    public void PhotoMetadataReader_should_survive_an_EXIF_IFD_chain_that_loops()
    {
        var tiff = new ExifBuilder().Ifd0(ExifBuilder.Make, "Loop").Ifd0(ExifBuilder.Orientation, 3).Build();
        var nextIfd = 8 + 2 + 12 * 2; // IFD0 has two entries; its next-IFD link points back at itself
        BinaryPrimitives.WriteInt32BigEndian(tiff.AsSpan(nextIfd), 8);

        var metadata = Read(TinyImages.Png(20, 10, ("eXIf", tiff)));

        Assert.Equal(("Loop", PhotoOrientation.Rotate180), (metadata.Camera?.Make, metadata.Orientation!.Value));
    }

    [Fact]
    public void PhotoMetadataReader_should_report_a_JPEG_of_fill_bytes_as_unreadable()
    {
        byte[] fill = [0xFF, 0xD8, .. Enumerable.Repeat((byte)0xFF, 1 << 20)];

        var metadata = Read(fill);

        Assert.Equal((ImageFormat.Jpeg, MetadataOutcome.Unreadable), (metadata.Format, metadata.Outcome));
    }

    [Fact]
    public void PhotoMetadataReader_should_say_a_file_of_random_bytes_is_not_a_photo()
    {
        var noise = new byte[4096];
        new Random(4).NextBytes(noise);
        noise[0] = 0;

        var metadata = Read(noise);

        Assert.Equal((ImageFormat.Unknown, MetadataOutcome.NotAPhoto, 4096L), (metadata.Format, metadata.Outcome,
            metadata.Size));
    }

    /// <summary>Every prefix and a spread of byte flips of each tiny format: never an exception.</summary>
    [Fact]
    public void PhotoMetadataReader_should_never_throw_on_cut_or_corrupted_headers()
    {
        var exif = new ExifBuilder().Ifd0(ExifBuilder.Make, "Acme").Ifd0(ExifBuilder.Orientation, 6)
            .Exif(ExifBuilder.DateTimeOriginal, "2020:01:01 00:00:00").Gps(ExifBuilder.GpsLatitudeRef,
                "N").GpsDegrees(ExifBuilder.GpsLatitude, 1);
        byte[][] samples =
        [
            TinyImages.Jpeg(40, 30, exif, TinyImages.Xmp("<xmp:CreateDate>2020</xmp:CreateDate>")),
            TinyImages.Png(40, 30, ("eXIf", exif.Build())),
            TinyImages.WebP(40, 30, exif),
            TinyHeic.Build(40, 30, 90, exif),
        ];
        var random = new Random(11);
        var outcomes = new List<MetadataOutcome>();

        foreach (var sample in samples)
        {
            for (var length = 0; length <= sample.Length; length++)
                outcomes.Add(Read(sample[..length]).Outcome);
            for (var i = 0; i < 300; i++)
            {
                var corrupted = sample.ToArray();
                corrupted[random.Next(corrupted.Length)] = (byte)random.Next(256);
                outcomes.Add(Read(corrupted).Outcome);
            }
        }

        Assert.Contains(MetadataOutcome.Photo, outcomes);
        Assert.Contains(MetadataOutcome.NotAPhoto, outcomes);
    }

    private static PhotoMetadata Read(byte[] content) => PhotoMetadataReader.Read(new MemoryStream(content), "id",
        "upload", UploadedAt);

    private static byte[] Compress(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
            zlib.Write(data);
        return output.ToArray();
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) - 4;
}

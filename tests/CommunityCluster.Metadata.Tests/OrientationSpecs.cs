using System.Text;

namespace CommunityCluster.Metadata.Tests;

public class OrientationSpecs
{
    private static readonly DateTimeOffset UploadedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, PhotoOrientation.Normal, 40, 30)]
    [InlineData(2, PhotoOrientation.MirrorHorizontal, 40, 30)]
    [InlineData(3, PhotoOrientation.Rotate180, 40, 30)]
    [InlineData(4, PhotoOrientation.MirrorVertical, 40, 30)]
    [InlineData(5, PhotoOrientation.Transpose, 30, 40)]
    [InlineData(6, PhotoOrientation.Rotate90Clockwise, 30, 40)]
    [InlineData(7, PhotoOrientation.Transverse, 30, 40)]
    [InlineData(8, PhotoOrientation.Rotate270Clockwise, 30, 40)]
    public void PhotoMetadata_should_give_the_size_as_displayed_after_orientation(int tag,
        PhotoOrientation orientation, int width, int height)
    {
        var exif = new ExifBuilder().Ifd0(ExifBuilder.Orientation, (ushort)tag);

        var metadata = Read(TinyImages.Jpeg(40, 30, exif));

        Assert.Equal((orientation, width, height), (metadata.Orientation!.Value, metadata.Width!.Value,
            metadata.Height!.Value));
        Assert.Empty(metadata.Warnings);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(65535)]
    public void PhotoMetadata_should_take_orientation_0_and_out_of_range_values_as_none(int tag)
    {
        var exif = new ExifBuilder().Ifd0(ExifBuilder.Orientation, (ushort)tag);

        var metadata = Read(TinyImages.Jpeg(40, 30, exif));

        Assert.Null(metadata.Orientation);
        Assert.Equal((40, 30), (metadata.Width, metadata.Height));
        Assert.Single(metadata.Warnings);
    }

    [Fact]
    public void PhotoMetadata_should_honour_orientation_in_a_PNG_eXIf_chunk()
    {
        var exif = new ExifBuilder().Ifd0(ExifBuilder.Orientation, 6).Build();

        var metadata = Read(TinyImages.Png(40, 30, ("eXIf", exif)));

        Assert.Equal((PhotoOrientation.Rotate90Clockwise, 30, 40), (metadata.Orientation!.Value, metadata.Width!.Value,
            metadata.Height!.Value));
    }

    [Fact]
    public void PhotoMetadata_should_read_the_WebP_canvas_and_its_EXIF()
    {
        var exif = new ExifBuilder().Ifd0(ExifBuilder.Orientation, 8).Ifd0(ExifBuilder.Model, "X100");

        var metadata = Read(TinyImages.WebP(640, 480, exif));

        Assert.Equal((ImageFormat.WebP, 480, 640), (metadata.Format, metadata.Width!.Value, metadata.Height!.Value));
        Assert.Equal("X100", metadata.Camera?.Model);
    }

    [Fact]
    public void PhotoMetadata_should_read_a_simple_WebP_size_from_its_frame_header()
    {
        var metadata = Read(TinyImages.WebP(321, 123, extended: false));

        Assert.Equal((321, 123), (metadata.Width, metadata.Height));
    }

    [Theory]
    [InlineData(null, null, 4032, 3024)]
    [InlineData(0, PhotoOrientation.Normal, 4032, 3024)]
    [InlineData(90, PhotoOrientation.Rotate270Clockwise, 3024, 4032)]
    [InlineData(180, PhotoOrientation.Rotate180, 4032, 3024)]
    [InlineData(270, PhotoOrientation.Rotate90Clockwise, 3024, 4032)]
    public void PhotoMetadata_should_turn_a_HEIC_by_its_irot(int? anticlockwise, PhotoOrientation? orientation,
        int width, int height)
    {
        var heic = TinyHeic.Build(4032, 3024, anticlockwise);

        var metadata = Read(heic);

        Assert.Equal((ImageFormat.Heic, orientation, width, height), (metadata.Format, metadata.Orientation,
            metadata.Width!.Value, metadata.Height!.Value));
    }

    [Fact]
    public void PhotoMetadata_should_read_EXIF_inside_a_HEIC()
    {
        var exif = new ExifBuilder().Ifd0(ExifBuilder.Make, "Apple").Ifd0(ExifBuilder.Orientation, 6)
            .Exif(ExifBuilder.DateTimeOriginal, "2024:07:01 08:00:00").Exif(ExifBuilder.OffsetTimeOriginal, "-04:00");

        var metadata = Read(TinyHeic.Build(4032, 3024, 270, exif));

        Assert.Equal("Apple", metadata.Camera?.Make);
        Assert.Equal(new DateTimeOffset(2024, 7, 1, 8, 0, 0, TimeSpan.FromHours(-4)), metadata.TakenAt.Instant);
        Assert.Equal((PhotoOrientation.Rotate90Clockwise, 3024, 4032), (metadata.Orientation!.Value,
            metadata.Width!.Value, metadata.Height!.Value));
        Assert.Empty(metadata.Warnings);
    }

    [Fact]
    public void PhotoMetadata_should_let_HEIF_irot_win_over_a_disagreeing_EXIF_orientation()
    {
        var exif = new ExifBuilder().Ifd0(ExifBuilder.Orientation, 6);

        var metadata = Read(TinyHeic.Build(4032, 3024, 0, exif));

        Assert.Equal((PhotoOrientation.Normal, 4032, 3024), (metadata.Orientation!.Value, metadata.Width!.Value,
            metadata.Height!.Value));
        Assert.Contains(metadata.Warnings, w => w.Contains("disagrees", StringComparison.Ordinal));
    }

    [Fact]
    public void PhotoMetadata_should_name_AVIF_by_its_brand_and_read_its_ispe()
    {
        var avif = TinyHeic.Build(1920, 1080, major: "avif");

        var metadata = Read(avif);

        Assert.Equal(("image/avif", 1920, 1080), (metadata.ContentType, metadata.Width!.Value, metadata.Height!.Value));
    }

    [Fact]
    public void PhotoMetadata_should_read_a_BMP_header_with_a_top_down_height()
    {
        var bmp = new byte[54];
        "BM"u8.CopyTo(bmp);
        BitConverter.GetBytes(54).CopyTo(bmp, 2);
        BitConverter.GetBytes(54).CopyTo(bmp, 10);
        BitConverter.GetBytes(40).CopyTo(bmp, 14);
        BitConverter.GetBytes(7).CopyTo(bmp, 18);
        BitConverter.GetBytes(-5).CopyTo(bmp, 22);
        BitConverter.GetBytes((short)1).CopyTo(bmp, 26);
        BitConverter.GetBytes((short)24).CopyTo(bmp, 28);

        var metadata = Read(bmp);

        Assert.Equal((ImageFormat.Bmp, 7, 5), (metadata.Format, metadata.Width!.Value, metadata.Height!.Value));
    }

    [Fact]
    public void PhotoMetadata_should_read_a_GIF_size_from_its_logical_screen()
    {
        byte[] gif = [.. Encoding.ASCII.GetBytes("GIF89a"), 0x20, 0x03, 0x58, 0x02, 0x00, 0, 0, 0x3B];

        var metadata = Read(gif);

        Assert.Equal((ImageFormat.Gif, 800, 600), (metadata.Format, metadata.Width!.Value, metadata.Height!.Value));
    }

    private static PhotoMetadata Read(byte[] content) => PhotoMetadataReader.Read(new MemoryStream(content), "id",
        "photo", UploadedAt);
}

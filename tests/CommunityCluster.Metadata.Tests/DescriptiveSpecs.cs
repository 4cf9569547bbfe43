using System.Text;

namespace CommunityCluster.Metadata.Tests;

public class DescriptiveSpecs
{
    private static readonly DateTimeOffset UploadedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Exposure_should_be_read_from_the_Exif_IFD()
    {
        var exif = new ExifBuilder().Exif(ExifBuilder.ExposureTime, 1, 250).Exif(ExifBuilder.FNumber, 28, 10)
            .Exif(ExifBuilder.Iso, 400).Exif(ExifBuilder.FocalLength, 50, 1);

        var exposure = Read(TinyImages.Jpeg(8, 6, exif)).Exposure;

        Assert.Equal(new Exposure(0.004, 2.8, 400, 50, null), exposure);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65535)]
    public void Exposure_should_take_ISO_0_and_65535_as_unknown(ushort iso)
    {
        var exif = new ExifBuilder().Exif(ExifBuilder.Iso, iso).Exif(ExifBuilder.FNumber, 4, 1);

        var exposure = Read(TinyImages.Jpeg(8, 6, exif)).Exposure;

        Assert.Equal(new Exposure(null, 4, null, null, null), exposure);
    }

    [Fact]
    public void Camera_should_be_absent_when_the_file_names_none()
    {
        var metadata = Read(TinyImages.Jpeg(8, 6));

        Assert.Null(metadata.Camera);
        Assert.Null(metadata.Exposure);
    }

    [Fact]
    public void Camera_should_trim_and_keep_the_lens()
    {
        var exif = new ExifBuilder().Ifd0(ExifBuilder.Make, "  NIKON CORPORATION  ").Ifd0(ExifBuilder.Model,
            "NIKON D800E\u0001")
            .Exif(ExifBuilder.LensModel, "16.0-35.0 mm f/4.0");

        var camera = Read(TinyImages.Jpeg(8, 6, exif)).Camera;

        Assert.Equal(new Camera("NIKON CORPORATION", "NIKON D800E", "16.0-35.0 mm f/4.0"), camera);
    }

    [Fact]
    public void Title_and_description_should_come_from_XMP_before_EXIF()
    {
        var exif = new ExifBuilder().Ifd0(ExifBuilder.ImageDescription, "from EXIF");
        var xmp = TinyImages.Xmp(
            TinyImages.XmpAlt("title", "Harbour at dawn") + TinyImages.XmpAlt("description", "Boats leaving"));

        var metadata = Read(TinyImages.Jpeg(8, 6, exif, xmp));

        Assert.Equal(("Harbour at dawn", "Boats leaving"), (metadata.Title, metadata.Description));
    }

    [Theory]
    [InlineData("OLYMPUS DIGITAL CAMERA", null)]
    [InlineData("          ", null)]
    [InlineData("Our garden in May", "Our garden in May")]
    public void Description_should_leave_out_what_cameras_write_when_the_owner_wrote_nothing(string text,
        string? expected)
    {
        var exif = new ExifBuilder().Ifd0(ExifBuilder.ImageDescription, text);

        var description = Read(TinyImages.Jpeg(8, 6, exif)).Description;

        Assert.Equal(expected, description);
    }

    [Fact]
    public void Description_should_be_cut_to_the_text_limit()
    {
        var xmp = TinyImages.Xmp(TinyImages.XmpAlt("description", new string('w', 5000)));

        var description = Read(TinyImages.Jpeg(8, 6, xmp: xmp)).Description;

        Assert.Equal(MetadataLimits.Default.MaxTextLength, description?.Length);
    }

    [Fact]
    public void PhotoMetadataReader_should_read_EXIF_that_ImageMagick_wrote_as_a_PNG_raw_profile()
    {
        var exif = new ExifBuilder().Ifd0(ExifBuilder.Model, "Raw").Build();
        byte[] app1 = [.. "Exif\0\0"u8, .. exif];
        var profile = $"\nexif\n{app1.Length,8}\n{Convert.ToHexStringLower(app1)}\n";
        byte[] text = [.. "Raw profile type exif"u8, 0, .. Encoding.ASCII.GetBytes(profile)];

        var metadata = Read(TinyImages.Png(8, 6, ("tEXt", text)));

        Assert.Equal("Raw", metadata.Camera?.Model);
    }

    private static PhotoMetadata Read(byte[] content) => PhotoMetadataReader.Read(new MemoryStream(content), "id",
        "a.jpg", UploadedAt);
}

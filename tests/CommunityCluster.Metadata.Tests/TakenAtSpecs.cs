using System.Globalization;

namespace CommunityCluster.Metadata.Tests;

public class TakenAtSpecs
{
    private static readonly DateTimeOffset UploadedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void TakenAt_should_combine_DateTimeOriginal_with_OffsetTimeOriginal()
    {
        var exif = new ExifBuilder().Exif(ExifBuilder.DateTimeOriginal,
            "2022:08:14 14:12:31").Exif(ExifBuilder.OffsetTimeOriginal, "+03:00");

        var takenAt = Read(TinyImages.Jpeg(8, 6, exif)).TakenAt;

        Assert.Equal(new TakenAt(Local("2022-08-14 14:12:31"), TimeSpan.FromHours(3), TakenAtSource.Exif), takenAt);
        Assert.Equal(new DateTimeOffset(2022, 8, 14, 11, 12, 31, TimeSpan.Zero), takenAt.Instant);
    }

    [Fact]
    public void TakenAt_should_never_take_OffsetTime_which_belongs_to_the_modification_time()
    {
        var exif = new ExifBuilder().Exif(ExifBuilder.DateTimeOriginal,
            "2022:08:14 14:12:31").Exif(ExifBuilder.OffsetTime, "+03:00");

        var takenAt = Read(TinyImages.Jpeg(8, 6, exif)).TakenAt;

        Assert.Equal(new TakenAt(Local("2022-08-14 14:12:31"), null, TakenAtSource.Exif), takenAt);
        Assert.Null(takenAt.Instant);
    }

    [Fact]
    public void TakenAt_should_keep_a_local_time_local_rather_than_assume_the_servers_zone()
    {
        var exif = new ExifBuilder().Exif(ExifBuilder.DateTimeOriginal,
            "2019:06:09 12:57:32").Exif(ExifBuilder.SubSecTimeOriginal, "835");

        var takenAt = Read(TinyImages.Jpeg(8, 6, exif)).TakenAt;

        Assert.Equal(Local("2019-06-09 12:57:32.835"), takenAt.Local);
        Assert.Equal(DateTimeKind.Unspecified, takenAt.Local.Kind);
        Assert.Null(takenAt.Offset);
    }

    [Fact]
    public void TakenAt_should_fall_back_to_DateTimeDigitized_when_DateTimeOriginal_is_not_a_date()
    {
        var exif = new ExifBuilder().Exif(ExifBuilder.DateTimeOriginal,
            "0000:00:00 00:00:00").Exif(ExifBuilder.DateTimeDigitized, "2020:02:29 23:59:59");

        var metadata = Read(TinyImages.Jpeg(8, 6, exif));

        Assert.Equal(new TakenAt(Local("2020-02-29 23:59:59"), null, TakenAtSource.Exif), metadata.TakenAt);
        Assert.Contains(metadata.Warnings, w => w.Contains("DateTimeOriginal", StringComparison.Ordinal));
    }

    [Fact]
    public void TakenAt_should_refuse_an_offset_that_no_zone_has()
    {
        var exif = new ExifBuilder().Exif(ExifBuilder.DateTimeOriginal,
            "2022:08:14 14:12:31").Exif(ExifBuilder.OffsetTimeOriginal, "+25:00");

        var metadata = Read(TinyImages.Jpeg(8, 6, exif));

        Assert.Null(metadata.TakenAt.Offset);
        Assert.Contains(metadata.Warnings, w => w.Contains("+25:00", StringComparison.Ordinal));
    }

    [Fact]
    public void TakenAt_should_come_from_XMP_when_there_is_no_EXIF_date()
    {
        var xmp = TinyImages.Xmp("<photoshop:DateCreated>2017-03-13T23:03:09-07:00</photoshop:DateCreated>");

        var takenAt = Read(TinyImages.Jpeg(8, 6, new ExifBuilder().Ifd0(ExifBuilder.Make, "Acme"), xmp)).TakenAt;

        Assert.Equal(new TakenAt(Local("2017-03-13 23:03:09"), TimeSpan.FromHours(-7), TakenAtSource.Xmp), takenAt);
    }

    [Fact]
    public void TakenAt_should_prefer_XMP_DateTimeOriginal_to_the_other_XMP_dates()
    {
        var xmp = TinyImages.Xmp("<xmp:CreateDate>2001-01-01T00:00:00</xmp:CreateDate>"
            + "<exif:DateTimeOriginal>2005-05-05T05:05:05.5Z</exif:DateTimeOriginal>");

        var takenAt = Read(TinyImages.Jpeg(8, 6, xmp: xmp)).TakenAt;

        Assert.Equal(new TakenAt(Local("2005-05-05 05:05:05.5"), TimeSpan.Zero, TakenAtSource.Xmp), takenAt);
    }

    [Fact]
    public void TakenAt_should_borrow_the_offset_of_XMP_DateTimeOriginal_only_for_the_same_local_time()
    {
        var sameTime = TinyImages.Xmp("<exif:DateTimeOriginal>2008-05-04T16:47:24+09:00</exif:DateTimeOriginal>");
        var otherTime = TinyImages.Xmp("<exif:DateTimeOriginal>2008-05-04T17:47:24+09:00</exif:DateTimeOriginal>");
        var exif = new ExifBuilder().Exif(ExifBuilder.DateTimeOriginal, "2008:05:04 16:47:24");

        var (same, other) = (Read(TinyImages.Jpeg(8, 6, exif, sameTime)).TakenAt, Read(TinyImages.Jpeg(8, 6, exif,
            otherTime)).TakenAt);

        Assert.Equal(new TakenAt(Local("2008-05-04 16:47:24"), TimeSpan.FromHours(9), TakenAtSource.Exif), same);
        Assert.Equal(new TakenAt(Local("2008-05-04 16:47:24"), null, TakenAtSource.Exif), other);
    }

    [Theory]
    [InlineData("IMG_20230102_153012.jpg", "2023-01-02 15:30:12")]
    [InlineData("PXL_20230102_153012345.jpg", "2023-01-02 15:30:12")]
    [InlineData("2023-01-02 15.30.12.jpg", "2023-01-02 15:30:12")]
    [InlineData("WhatsApp Image 2023-01-02 at 15.30.12.jpeg", "2023-01-02 15:30:12")]
    [InlineData("Screenshot_2023-01-02-15-30-12.png", "2023-01-02 15:30:12")]
    [InlineData("IMG-20230102-WA0001.jpg", "2023-01-02 00:00:00")]
    [InlineData("holiday 1999.12.31.jpg", "1999-12-31 00:00:00")]
    public void TakenAt_should_come_from_a_date_in_the_file_name_when_the_file_has_none(string fileName, string local)
    {
        var content = TinyImages.Jpeg(8, 6);

        var takenAt = Read(content, fileName).TakenAt;

        Assert.Equal(new TakenAt(Local(local), null, TakenAtSource.FileName), takenAt);
    }

    [Theory]
    [InlineData("DSC_0001.JPG")]
    [InlineData("IMG_20231399_120000.jpg")]
    [InlineData("20230230.jpg")]
    [InlineData("photo_120230102.jpg")]
    [InlineData("scan-2099-01-01.jpg")]
    public void TakenAt_should_fall_back_to_the_upload_time_when_nothing_else_says(string fileName)
    {
        var content = TinyImages.Jpeg(8, 6);

        var takenAt = Read(content, fileName).TakenAt;

        Assert.Equal(new TakenAt(Local("2026-03-01 12:00:00"), TimeSpan.FromHours(1), TakenAtSource.UploadTime),
            takenAt);
    }

    [Fact]
    public void TakenAt_should_skip_a_capture_date_after_the_upload()
    {
        var exif = new ExifBuilder().Exif(ExifBuilder.DateTimeOriginal, "2036:01:01 00:00:00");

        var metadata = Read(TinyImages.Jpeg(8, 6, exif), "IMG_20200101_101010.jpg");

        Assert.Equal(new TakenAt(Local("2020-01-01 10:10:10"), null, TakenAtSource.FileName), metadata.TakenAt);
        Assert.Contains(metadata.Warnings, w => w.Contains("after the upload", StringComparison.Ordinal));
    }

    [Fact]
    public void TakenAt_should_be_known_even_for_what_is_not_a_photo()
    {
        var metadata = Read("just some text"u8.ToArray(), "notes 2021-07-04.txt");

        Assert.Equal(MetadataOutcome.NotAPhoto, metadata.Outcome);
        Assert.Equal(new TakenAt(Local("2021-07-04 00:00:00"), null, TakenAtSource.FileName), metadata.TakenAt);
    }

    private static PhotoMetadata Read(byte[] content, string fileName = "photo.jpg") =>
        PhotoMetadataReader.Read(new MemoryStream(content), "id", fileName, UploadedAt);

    private static DateTime Local(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture,
        DateTimeStyles.None);
}

namespace CommunityCluster.Metadata.Tests;

public class GpsSpecs
{
    private static readonly DateTimeOffset UploadedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Position_should_be_signed_by_its_hemispheres_with_altitude_below_sea_level()
    {
        var exif = new ExifBuilder()
            .Gps(ExifBuilder.GpsLatitudeRef, "S").GpsDegrees(ExifBuilder.GpsLatitude, 34.0213583)
            .Gps(ExifBuilder.GpsLongitudeRef, "W").GpsDegrees(ExifBuilder.GpsLongitude, 94.2887722)
            .Gps(ExifBuilder.GpsAltitudeRef, (byte)1).Gps(ExifBuilder.GpsAltitude, (2809, 1000));

        var position = Read(exif).Position;

        Assert.NotNull(position);
        Assert.Equal(-34.02136, position.Latitude, 5);
        Assert.Equal(-94.28877, position.Longitude, 5);
        Assert.Equal(-2.809, position.Altitude!.Value, 3);
    }

    [Theory]
    [InlineData(213.64, 103.48)]
    [InlineData(45.0, 181.5)]
    public void Position_should_be_dropped_outside_the_world(double latitude, double longitude)
    {
        var exif = new ExifBuilder()
            .Gps(ExifBuilder.GpsLatitudeRef, "N").GpsDegrees(ExifBuilder.GpsLatitude, latitude)
            .Gps(ExifBuilder.GpsLongitudeRef, "E").GpsDegrees(ExifBuilder.GpsLongitude, longitude);

        var metadata = PhotoMetadataReader.Read(new MemoryStream(TinyImages.Jpeg(8, 6, exif)), "id", "p.jpg",
            UploadedAt);

        Assert.Null(metadata.Position);
        Assert.Contains(metadata.Warnings, w => w.StartsWith("GPS:", StringComparison.Ordinal));
    }

    [Fact]
    public void Position_should_be_dropped_without_its_hemisphere()
    {
        var exif = new ExifBuilder().GpsDegrees(ExifBuilder.GpsLatitude, 43.4674).Gps(ExifBuilder.GpsLongitudeRef, "E")
            .GpsDegrees(ExifBuilder.GpsLongitude, 11.8851);

        var position = Read(exif).Position;

        Assert.Null(position);
    }

    [Fact]
    public void Position_should_be_dropped_at_exactly_zero_zero()
    {
        var exif = new ExifBuilder()
            .Gps(ExifBuilder.GpsLatitudeRef, "N").Gps(ExifBuilder.GpsLatitude, (0, 1), (0, 1), (0, 1))
            .Gps(ExifBuilder.GpsLongitudeRef, "E").Gps(ExifBuilder.GpsLongitude, (0, 1), (0, 1), (0, 1));

        var position = Read(exif).Position;

        Assert.Null(position);
    }

    [Fact]
    public void Position_should_be_dropped_for_a_zero_denominator()
    {
        var exif = new ExifBuilder()
            .Gps(ExifBuilder.GpsLatitudeRef, "N").Gps(ExifBuilder.GpsLatitude, (43, 1), (28, 0), (0, 1))
            .Gps(ExifBuilder.GpsLongitudeRef, "E").GpsDegrees(ExifBuilder.GpsLongitude, 11.8851);

        var position = Read(exif).Position;

        Assert.Null(position);
    }

    [Fact]
    public void Position_should_accept_unset_seconds_written_as_zero_over_zero()
    {
        var exif = new ExifBuilder()
            .Gps(ExifBuilder.GpsLatitudeRef, "N").Gps(ExifBuilder.GpsLatitude, (43, 1), (30, 1), (0, 0))
            .Gps(ExifBuilder.GpsLongitudeRef, "E").Gps(ExifBuilder.GpsLongitude, (11, 1), (15, 1), (0, 0));

        var position = Read(exif).Position;

        Assert.Equal(new GeoPosition(43.5, 11.25, null), position);
    }

    [Fact]
    public void Position_should_be_absent_for_a_GPS_IFD_without_coordinates()
    {
        var exif = new ExifBuilder().Gps(ExifBuilder.GpsAltitudeRef, (byte)0).Gps(ExifBuilder.GpsAltitude, (100, 1));

        var metadata = PhotoMetadataReader.Read(new MemoryStream(TinyImages.Jpeg(8, 6, exif)), "id", "p.jpg",
            UploadedAt);

        Assert.Null(metadata.Position);
        Assert.Empty(metadata.Warnings);
    }

    private static PhotoMetadata Read(ExifBuilder exif) =>
        PhotoMetadataReader.Read(new MemoryStream(TinyImages.Jpeg(8, 6, exif)), "id", "p.jpg", UploadedAt);
}

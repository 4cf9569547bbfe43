namespace CommunityCluster.Metadata.Tests;

/// <summary>What the reader does to the caller's stream, and how much of it it reads.</summary>
public class StreamHandlingSpecs
{
    private static readonly DateTimeOffset UploadedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PhotoMetadataReader_should_read_a_forward_only_stream_as_it_reads_a_seekable_one()
    {
        var exif = new ExifBuilder().Ifd0(ExifBuilder.Make, "Acme").Ifd0(ExifBuilder.Orientation,
            6).Exif(ExifBuilder.DateTimeOriginal, "2020:01:01 10:00:00");
        var photo = TinyImages.Jpeg(40, 30, exif);

        var seekable = PhotoMetadataReader.Read(new TrackingStream(photo), "id", "a.jpg", UploadedAt);
        var forwardOnly = PhotoMetadataReader.Read(new TrackingStream(photo, seekable: false), "id", "a.jpg",
            UploadedAt);

        Assert.Equal(seekable with { Warnings = [] }, forwardOnly with { Warnings = [] });
        Assert.Equal(seekable.Warnings, forwardOnly.Warnings);
        Assert.Equal(photo.Length, forwardOnly.Size);
    }

    [Fact]
    public void PhotoMetadataReader_should_put_a_seekable_stream_back_and_count_only_what_follows()
    {
        var photo = TinyImages.Jpeg(40, 30);
        using var content = new MemoryStream([.. new byte[100], .. photo]) { Position = 100 };

        var metadata = PhotoMetadataReader.Read(content, "id", "a.jpg", UploadedAt);

        Assert.Equal((ImageFormat.Jpeg, photo.Length, 100L), (metadata.Format, metadata.Size, content.Position));
    }

    [Fact]
    public void PhotoMetadataReader_should_buffer_no_more_than_its_limit_of_a_forward_only_stream()
    {
        var photo = TinyImages.Jpeg(40, 30);
        byte[] large = [.. photo[..^2], .. new byte[1 << 20], 0xFF, 0xD9];
        var limits = new MetadataLimits { MaxBytesExamined = 1024 };

        var metadata = PhotoMetadataReader.Read(new TrackingStream(large, seekable: false), "id", "a.jpg", UploadedAt,
            limits);

        Assert.Equal((MetadataOutcome.Photo, 40, large.Length), (metadata.Outcome, metadata.Width!.Value,
            (int)metadata.Size));
    }

    [Fact]
    public void PhotoMetadataReader_should_say_when_metadata_lie_past_what_it_may_examine()
    {
        var exif = new ExifBuilder().Ifd0(ExifBuilder.Make, "Acme");
        byte[] padded = [.. TinyImages.WebP(64, 48), .. TinyImages.RiffChunk("JUNK", new byte[8192]),
            .. TinyImages.RiffChunk("EXIF", exif.Build())];
        var limits = new MetadataLimits { MaxBytesExamined = 4096 };

        var metadata = PhotoMetadataReader.Read(new MemoryStream(padded), "id", "a.webp", UploadedAt, limits);

        Assert.Null(metadata.Camera);
        Assert.Contains(metadata.Warnings, w => w.Contains("first 4096 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void PhotoMetadata_should_warn_of_declared_sizes_past_the_pixel_limit()
    {
        var giant = TinyImages.Jpeg(60000, 60000);

        var metadata = PhotoMetadataReader.Read(new MemoryStream(giant), "id", "g.jpg", UploadedAt);

        Assert.Equal((MetadataOutcome.Photo, 3_600_000_000L), (metadata.Outcome, metadata.PixelCount!.Value));
        Assert.Contains(metadata.Warnings, w => w.Contains("decoder", StringComparison.Ordinal));
    }
}

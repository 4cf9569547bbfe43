using System.Globalization;
using CommunityCluster.Testing;

namespace CommunityCluster.Metadata.Tests;

/// <summary>The shared corpus, read in place from ../shared: real photos and hostile files.</summary>
public class CorpusSpecs
{
    public static TheoryData<string> CorpusFiles => [.. CorpusTable.Rows.Select(r => r.File)];

    [SharedDataTheory]
    [MemberData(nameof(CorpusFiles))]
    public void PhotoMetadataReader_should_read_each_corpus_file_as_its_row_says(string file)
    {
        var row = CorpusTable.Find(file);

        var metadata = Read(row.Path);

        var actual = row with
        {
            Format = metadata.Format,
            Outcome = metadata.Outcome,
            Width = metadata.Width,
            Height = metadata.Height,
            Orientation = metadata.Orientation,
            TakenAt = metadata.TakenAt.Local.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            Offset = metadata.TakenAt.Offset is { } offset ? (offset < TimeSpan.Zero ? "-"
                : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture) : null,
            Source = metadata.TakenAt.Source,
            Make = metadata.Camera?.Make,
            Model = metadata.Camera?.Model,
            Latitude = metadata.Position is { } p ? Math.Round(p.Latitude, 4) : null,
            Longitude = metadata.Position is { } q ? Math.Round(q.Longitude, 4) : null,
            Warns = metadata.Warnings.Count > 0,
        };
        Assert.Equal(row, actual);
    }

    [SharedDataFact]
    public void CorpusTable_should_have_one_row_for_every_corpus_file()
    {
        var onDisk = SharedData.FilesIn(SharedData.PhotosFolder).Concat(SharedData.FilesIn(SharedData.BadFolder))
            .Select(Path.GetFileName);

        var inTable = CorpusTable.Rows.Select(r => r.File);

        Assert.Equal(onDisk.Order(StringComparer.Ordinal), inTable.Order(StringComparer.Ordinal));
    }

    [SharedDataFact]
    public void PhotoId_should_give_byte_identical_files_under_two_names_one_id()
    {
        using var first = File.OpenRead(SharedData.Photo("pp_IMG_4120.JPG"));
        using var copy = File.OpenRead(SharedData.Photo("pp_IMG_4120 copy.JPG"));

        var (firstId, copyId) = (PhotoId.Compute(first), PhotoId.Compute(copy));

        Assert.Equal("0bc60e5d06aeb4d65b820728ea5351e8559444715f37ee74ee15608412851676", firstId); // MANIFEST.md
        Assert.Equal(firstId, copyId);
    }

    [SharedDataFact]
    public void PhotoMetadataReader_should_read_a_duplicate_the_same_but_for_its_name()
    {
        var first = Read(SharedData.Photo("pp_IMG_4120.JPG"));

        var copy = Read(SharedData.Photo("pp_IMG_4120 copy.JPG"));

        Assert.Equal("pp_IMG_4120 copy.JPG", copy.FileName);
        Assert.Equal(first with { FileName = copy.FileName, Warnings = copy.Warnings }, copy);
    }

    [SharedDataTheory]
    [InlineData("pp_this-is-a-jpeg.png")]
    [InlineData("pp_wrong.heic")]
    public void ContentSniffer_should_tell_a_JPEG_by_its_bytes_whatever_its_name(string file)
    {
        using var content = File.OpenRead(SharedData.Bad(file));

        var format = ContentSniffer.Sniff(content);

        Assert.Equal(ImageFormat.Jpeg, format);
        Assert.Equal(0, content.Position);
    }

    [SharedDataFact]
    public void PhotoMetadataReader_should_read_a_phone_HEIC_as_fully_as_a_JPEG()
    {
        var heic = Read(SharedData.Photo("ianare_heic_IMG_5195.HEIC"));

        Assert.Equal("image/heic", heic.ContentType);
        Assert.Equal(new Camera("Apple", "iPhone 11 Pro Max", "iPhone 11 Pro Max back triple camera 4.25mm f/1.8"),
            heic.Camera);
        Assert.Equal(1 / 391.0, heic.Exposure!.ExposureTime!.Value, 9);
        Assert.Equal((1.8, 32, 4.25, 26), (heic.Exposure.FNumber, heic.Exposure.Iso, heic.Exposure.FocalLength,
            heic.Exposure.FocalLength35mm));
        Assert.Equal(260.56, heic.Position!.Altitude!.Value, 2);
        Assert.Equal(new DateTimeOffset(2021, 4, 11, 20, 47, 53, 54, TimeSpan.Zero), heic.TakenAt.Instant);
        Assert.Empty(heic.Warnings);
    }

    [SharedDataFact]
    public void PhotoMetadataReader_should_keep_a_camera_placeholder_out_of_the_description()
    {
        var olympus = Read(SharedData.Photo("ianare_exif-org_olympus-c960.jpg"));
        var gameCapture = Read(SharedData.Bad("ianare_tests_45-gps_ifd.jpg"));

        var denali = Read(SharedData.Photo("immich_denali.webp"));

        Assert.Null(olympus.Description); // "OLYMPUS DIGITAL CAMERA"
        Assert.Equal("Gran Turismo 5", gameCapture.Description);
        Assert.Equal("Denali National Park and Preserve", denali.Title);
        Assert.Equal("EF28-80mm f/3.5-5.6 USM", denali.Camera?.Lens);
    }

    [SharedDataFact]
    public void PhotoMetadataReader_should_look_at_no_byte_past_its_limit_in_any_corpus_file()
    {
        var limits = new MetadataLimits { MaxBytesExamined = 4096 };
        var files = SharedData.FilesIn(SharedData.PhotosFolder).Concat(SharedData.FilesIn(SharedData.BadFolder));

        var furthest = files.Select(path =>
        {
            using var content = new TrackingStream(File.ReadAllBytes(path));
            var metadata = PhotoMetadataReader.Read(content, "id", Path.GetFileName(path), CorpusTable.UploadedAt,
                limits);
            return (Path.GetFileName(path), content.FurthestRead, metadata.Outcome);
        }).ToList();

        Assert.All(furthest, f => Assert.InRange(f.FurthestRead, 0, 4096));
        Assert.Contains(furthest, f => f.Outcome == MetadataOutcome.Photo);
    }

    internal static PhotoMetadata Read(string path)
    {
        using var content = File.OpenRead(path);
        return PhotoMetadataReader.Read(content, "id", Path.GetFileName(path), CorpusTable.UploadedAt);
    }
}

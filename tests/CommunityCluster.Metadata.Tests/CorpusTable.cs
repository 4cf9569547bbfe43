using static CommunityCluster.Metadata.ImageFormat;
using static CommunityCluster.Metadata.MetadataOutcome;
using static CommunityCluster.Metadata.PhotoOrientation;
using static CommunityCluster.Metadata.TakenAtSource;

namespace CommunityCluster.Metadata.Tests;

/// <summary>
/// What every file of the shared corpus must read as, one row per file of both folders. Values
/// were checked against the MANIFEST.md files and exiftool 12.57; the comments say where this
/// reader's rule differs from a plain tag dump.
/// </summary>
public static class CorpusTable
{
    /// <summary>The upload time every row is read with: the capture time when nothing else says.</summary>
    public static readonly DateTimeOffset UploadedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));

    private const string Upload = "2026-01-01 00:00:00.000";

    public static readonly IReadOnlyList<Row> Rows =
    [
        // --- photos ---
        Good("ianare_Canon_40D.jpg", Jpeg, 100, 68, Normal, "2008-05-30 15:56:01.000", null, Exif, "Canon",
            "Canon EOS 40D"),
        Good("ianare_Panasonic_DMC-FZ30.jpg", Jpeg, 100, 75, Normal, "2008-07-16 11:33:20.000", null, Exif,
            "Panasonic", "DMC-FZ30"),
        // No OffsetTimeOriginal; XMP exif:DateTimeOriginal states the same local time at +09:00.
        Good("ianare_Pentax_K10D.jpg", Jpeg, 100, 72, Normal, "2008-05-04 16:47:24.000", "+09:00", Exif,
            "PENTAX Corporation", "PENTAX K10D"),
        Good("ianare_exif-org_fujifilm-dx10.jpg", Jpeg, 1024, 768, Normal, "2001-04-12 20:33:14.000", null, Exif,
            "FUJIFILM", "DX-10"),
        Good("ianare_exif-org_kodak-dc240.jpg", Jpeg, 640, 480, Normal, "1999-05-25 21:00:09.000", null, Exif,
            "EASTMAN KODAK COMPANY", "KODAK DC240 ZOOM DIGITAL CAMERA"),
        Good("ianare_exif-org_nikon-e950.jpg", Jpeg, 800, 600, Normal, "2001-04-06 11:51:40.000", null, Exif, "NIKON",
            "E950"),
        Good("ianare_exif-org_olympus-c960.jpg", Jpeg, 640, 480, Normal, "2000-11-07 10:41:43.000", null, Exif,
            "OLYMPUS OPTICAL CO.,LTD", "C960Z,D460Z"),
        Good("ianare_exif-org_sony-cybershot.jpg", Jpeg, 640, 480, Normal, "2000-09-30 10:59:45.000", null, Exif,
            "SONY", "CYBERSHOT"),
        Good("ianare_gps_DSCN0010.jpg", Jpeg, 640, 480, Normal, "2008-10-22 16:28:39.000", null, Exif, "NIKON",
            "COOLPIX P6000",
            43.4674, 11.8851),
        // Orientation 6: stored 2048 x 1536, shown 1536 x 2048.
        Good("ianare_hdr_canon_hdr_YES.jpg", Jpeg, 1536, 2048, Rotate90Clockwise, "2015-02-09 22:48:10.000", null, Exif,
            "Canon", "Canon PowerShot SX60 HS"),
        Good("ianare_hdr_iphone_hdr_YES.jpg", Jpeg, 3264, 2448, Normal, "2015-04-10 20:12:23.550", null, Exif, "Apple",
            "iPhone 6",
            40.4470, -3.7248),
        // HEIC: size from the primary item's ispe (a 2566 x 3313 grid), irot 0, EXIF from the Exif item.
        Good("ianare_heic_IMG_5195.HEIC", Heic, 2566, 3313, Normal, "2021-04-11 15:47:53.054", "-05:00", Exif, "Apple",
            "iPhone 11 Pro Max",
            39.0513, -94.2888),
        Good("ianare_mobile_HMD_Nokia_8.3_5G.jpg", Jpeg, 4608, 1976, Normal, "2022-08-14 14:12:31.000", "+03:00", Exif,
            "HMD Global", "Nokia 8.3 5G", 60.1467, 24.9068),
        Good("ianare_tiff_BSG1.tiff", Tiff, 635, 348, Normal, Upload, "+01:00", UploadTime),
        Good("immich_book-beside-flowers.jpg", Jpeg, 3024, 4032, null, Upload, "+01:00", UploadTime),
        // DateTimeOriginal wins over CreateDate, GPSDateStamp, IPTC TimeCreated and XMP dates; no offset is stated.
        Good("immich_date-priority-test.jpg", Jpeg, 100, 100, null, "2023-02-02 02:00:00.000", null, Exif),
        Good("immich_denali.webp", WebP, 600, 315, Normal, "2010-08-13 21:00:01.850", null, Exif, "Canon",
            "Canon EOS 7D"),
        Good("ljt_monkey16.png", Png, 149, 227, null, Upload, "+01:00", UploadTime),
        Good("ljt_testimgari.jpg", Jpeg, 227, 149, null, Upload, "+01:00", UploadTime),
        Good("mex_noExif.jpg", Jpeg, 240, 320, null, Upload, "+01:00", UploadTime),
        Good("pillow_tRNS_null_1x1.png", Png, 1, 1, null, Upload, "+01:00", UploadTime),
        // Its tIME chunk is a modification time, not a capture time.
        Good("pillow_transparent.png", Png, 200, 150, null, Upload, "+01:00", UploadTime),
        // The primary image only; Pillow's copy is cut inside the gain-map JPEG, hence a warning.
        // Latitude 30.62765 rounds half to even.
        Good("pillow_ultrahdr.jpg", Jpeg, 1512, 2688, Normal, "2024-05-07 09:33:04.046", "+08:00", Exif, "Google",
            "Pixel 6",
            30.6276, 119.7388) with { Warns = true },
        Good("pp_IMG_4120 copy.JPG", Jpeg, 500, 375, Normal, "2019-06-09 12:57:32.835", null, Exif, "Apple",
            "iPhone SE", 50.0477, 8.5724),
        Good("pp_IMG_4120.JPG", Jpeg, 500, 375, Normal, "2019-06-09 12:57:32.835", null, Exif, "Apple", "iPhone SE",
            50.0477, 8.5724),
        Good("pp_Iceland-P3.jpg", Jpeg, 600, 400, Normal, "2012-08-08 22:07:18.100", null, Exif, "NIKON CORPORATION",
            "NIKON D800E",
            65.0556, -16.6257),
        Good("pp_animated.gif", Gif, 1917, 1533, null, Upload, "+01:00", UploadTime),
        // GPSLatitude 213 degrees: dropped, with a warning; the rest of the file is good.
        Good("pp_buggy_panorama.jpg", Jpeg, 500, 174, null, "2022-04-24 10:35:53.358", "+02:00", Exif, "Xiaomi",
            "Mi MIX 2")
            with { Warns = true },
        Good("recurser_Landscape_0.jpg", Jpeg, 1800, 1200, null, Upload, "+01:00", UploadTime) with { Warns = true },
        Good("recurser_Landscape_1.jpg", Jpeg, 1800, 1200, Normal, Upload, "+01:00", UploadTime),
        Good("recurser_Landscape_2.jpg", Jpeg, 1800, 1200, MirrorHorizontal, Upload, "+01:00", UploadTime),
        Good("recurser_Landscape_3.jpg", Jpeg, 1800, 1200, Rotate180, Upload, "+01:00", UploadTime),
        Good("recurser_Landscape_4.jpg", Jpeg, 1800, 1200, MirrorVertical, Upload, "+01:00", UploadTime),
        Good("recurser_Landscape_5.jpg", Jpeg, 1800, 1200, Transpose, Upload, "+01:00", UploadTime),
        Good("recurser_Landscape_6.jpg", Jpeg, 1800, 1200, Rotate90Clockwise, Upload, "+01:00", UploadTime),
        Good("recurser_Landscape_7.jpg", Jpeg, 1800, 1200, Transverse, Upload, "+01:00", UploadTime),
        Good("recurser_Landscape_8.jpg", Jpeg, 1800, 1200, Rotate270Clockwise, Upload, "+01:00", UploadTime),
        // Offset from XMP exif:DateTimeOriginal, as for the Pentax.
        Good("sharp_Channel_digital_image_CMYK_color.jpg", Jpeg, 500, 333, Normal, "2004-03-20 14:54:55.000", "+02:00",
            Exif,
            "Canon", "Canon EOS 300D DIGITAL"),

        // --- bad ---
        // The GPS IFD pointer aliases the Exif IFD: no GPS, and the Exif tags read once.
        Bad("ianare_tests_45-gps_ifd.jpg", Jpeg, Photo, 1600, 900, Normal, "2012-06-23 06:55:49.000", null, Exif,
            "Polyphony Digital Inc.", "Gran Turismo 5") with { Warns = false },
        Bad("mwasm_warning.jpg", Jpeg, Photo, 65025, 65025, null, Upload, "+01:00", UploadTime),
        // The logical screen is 32 x 32; the frame declaring 65535 wide gets a warning.
        Bad("pillow_decompression_bomb.gif", Gif, Photo, 32, 32, null, Upload, "+01:00", UploadTime),
        // No EXIF date: XMP xmp:CreateDate, with its offset. The thumbnail IFD points past the segment.
        Bad("pillow_exif-ifd-offset.jpg", Jpeg, Photo, 200, 200, Normal, "2017-03-13 23:03:09.000", "-07:00", Xmp),
        // The zTXt chunks are not XMP, so they are never inflated.
        Bad("pillow_png_decompression_dos.png", Png, Photo, 1, 1, null, Upload, "+01:00",
            UploadTime) with { Warns = false },
        Bad("pillow_truncated_jpeg.jpg", Jpeg, Photo, 100, 100, null, Upload, "+01:00", UploadTime),
        Bad("pp_broken.jpg", Jpeg, Photo, 705, 725, null, Upload, "+01:00", UploadTime),
        Bad("pp_empty.jpg", Unknown, NotAPhoto, null, null, null, Upload, "+01:00", UploadTime),
        Bad("pp_this-is-a-jpeg.png", Jpeg, Photo, 240, 180, null, "2018-01-11 13:09:38.321", null, Exif, "Apple",
            "iPhone SE",
            -34.0214, 23.8994) with { Warns = false },
        Bad("pp_wrong.heic", Jpeg, Photo, 500, 500, Normal, "2013-03-05 17:29:26.750", null, Exif, "Canon",
            "Canon EOS 6D")
            with { Warns = false },
        Bad("sharp_65536-uint32-limit.png", Png, Photo, 65536, 65536, null, Upload, "+01:00", UploadTime),
        Bad("sharp_corrupt-header.jpg", Jpeg, Unreadable, null, null, null, Upload, "+01:00", UploadTime),
        Bad("sharp_giant-image.jpg", Jpeg, Photo, 20000, 14000, null, Upload, "+01:00", UploadTime),
        Bad("sharp_truncated.jpg", Jpeg, Photo, 2725, 2225, null, Upload, "+01:00", UploadTime),
        Bad("sharp_truncated.png", Png, Photo, 294, 240, null, Upload, "+01:00", UploadTime),
    ];

    public static Row Find(string file) => Rows.Single(r => r.File == file);

    private static Row Good(
        string file, ImageFormat format, int? width, int? height, PhotoOrientation? orientation, string takenAt,
            string? offset,
        TakenAtSource source, string? make = null, string? model = null, double? latitude = null,
            double? longitude = null) =>
        new(file, IsBad: false, format, MetadataOutcome.Photo, width, height, orientation, takenAt, offset, source,
            make, model,
            latitude, longitude, Warns: false);

    private static Row Bad(
        string file, ImageFormat format, MetadataOutcome outcome, int? width, int? height,
            PhotoOrientation? orientation, string takenAt,
        string? offset, TakenAtSource source, string? make = null, string? model = null, double? latitude = null,
            double? longitude = null) =>
        new(file, IsBad: true, format, outcome, width, height, orientation, takenAt, offset, source, make, model,
            latitude, longitude,
            Warns: true);

    /// <summary>One corpus file and what it must read as; <see cref="Warns"/> says whether it must warn.</summary>
    public sealed record Row(
        string File, bool IsBad, ImageFormat Format, MetadataOutcome Outcome, int? Width, int? Height,
            PhotoOrientation? Orientation,
        string TakenAt, string? Offset, TakenAtSource Source, string? Make, string? Model, double? Latitude,
            double? Longitude,
        bool Warns)
    {
        public string Path => IsBad ? Testing.SharedData.Bad(File) : Testing.SharedData.Photo(File);
    }
}

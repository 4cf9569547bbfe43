using System.Diagnostics;

namespace CommunityCluster.Thumbs.Benchmarks;

/// <summary>The benchmark's images: photos of the shared corpus, and a 108 MP JPEG made from one of them.</summary>
public static class Inputs
{
    public static readonly string[] CorpusPhotos =
    [
        "recurser_Landscape_6.jpg",       // 2 MP, rotated
        "ianare_hdr_canon_hdr_YES.jpg",   // 3 MP, rotated
        "ianare_hdr_iphone_hdr_YES.jpg",  // 8 MP phone photo
        "ianare_mobile_HMD_Nokia_8.3_5G.jpg", // 9 MP, 21:9
        "immich_book-beside-flowers.jpg", // 12 MP progressive
        "sharp_Channel_digital_image_CMYK_color.jpg",
        "pp_Iceland-P3.jpg",
        "ianare_heic_IMG_5195.HEIC",      // 8.5 MP HEIC
    ];

    /// <summary>A small JPEG to warm libvips and the JIT on.</summary>
    public static void MakeWarmup(string path)
    {
        if (File.Exists(path))
            return;

        using var image = NetVips.Image.Black(640, 480, bands: 3) + 128;
        using var cast = image.Cast(NetVips.Enums.BandFormat.Uchar);
        cast.WriteToFile(path);
    }

    /// <summary>108 MP (12000 × 9000) by enlarging the 8 MP phone photo, made once with the vips command.</summary>
    public static string Make108Mp(string corpus, string folder)
    {
        var path = Path.Combine(folder, "generated-108mp.jpg");
        if (File.Exists(path))
            return path;

        var source = Path.Combine(corpus, "ianare_hdr_iphone_hdr_YES.jpg");
        using var process = Process.Start("vips", ["resize", source, path + "[Q=90]", "3.6765"])!;
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException("vips resize failed: is libvips-tools installed?");

        return path;
    }
}

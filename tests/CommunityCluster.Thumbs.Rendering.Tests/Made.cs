namespace CommunityCluster.Thumbs.Rendering.Tests;

/// <summary>Pictures made in code, so the fences are tested on any clone.</summary>
internal static class Made
{
    /// <summary>A JPEG of smooth gradients and noise, the way a photo compresses.</summary>
    public static string Jpeg(string path, int width, int height) => Write(path + "[Q=90]", width, height);

    /// <summary>
    /// The same picture as a PNG: no loader can shrink a PNG while decoding it, so every pixel is
    /// decoded whatever the thumbnail's size, which makes its render time predictable.
    /// </summary>
    public static string Png(string path, int width, int height) => Write(path + "[compression=1]", width, height);

    private static string Write(string target, int width, int height)
    {
        using var x = NetVips.Image.Xyz(width, height);
        using var noise = NetVips.Image.Gaussnoise(width, height, sigma: 20);
        using var red = x[0] * (255.0 / width);
        using var green = x[1] * (255.0 / height);
        using var blue = noise + 128;
        using var rgb = red.Bandjoin(green, blue).Cast(NetVips.Enums.BandFormat.Uchar);
        using var srgb = rgb.Copy(interpretation: NetVips.Enums.Interpretation.Srgb);
        srgb.WriteToFile(target);
        return target[..target.IndexOf('[', StringComparison.Ordinal)];
    }
}

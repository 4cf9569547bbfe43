using NetVips;

namespace CommunityCluster.Thumbs.Rendering.Tests;

/// <summary>Reading renditions back, to check what a viewer would see.</summary>
internal static class Pixels
{
    public static Image Decode(RenderedThumbnail thumbnail) =>
        Image.NewFromBuffer(thumbnail.Bytes, access: Enums.Access.Random);

    /// <summary>Mean absolute difference per sample (0 to 255) of two pictures of the same size.</summary>
    public static double Difference(Image a, Image b)
    {
        using var difference = (a - b).Abs();
        return difference.Avg();
    }

    public static double MeanOfBand(Image image, int band)
    {
        using var one = image[band];
        return one.Avg();
    }
}

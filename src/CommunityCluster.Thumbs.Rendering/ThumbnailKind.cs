namespace CommunityCluster.Thumbs.Rendering;

/// <summary>The two renditions of every photo.</summary>
public enum ThumbnailKind
{
    /// <summary>The gallery grid's tile: 250 px on the short side, cut to at most 3:2 around the centre.</summary>
    Small,

    /// <summary>The preview: 1440 px on the long side, the whole picture.</summary>
    Large,
}

public static class ThumbnailKinds
{
    public static readonly IReadOnlyList<ThumbnailKind> All = [ThumbnailKind.Small, ThumbnailKind.Large];

    /// <summary>The name in URLs and records: <c>small</c>, <c>large</c>.</summary>
    public static string Name(this ThumbnailKind kind) => kind == ThumbnailKind.Small ? "small" : "large";

    public static bool TryParse(string? name, out ThumbnailKind kind)
    {
        kind = name switch { "large" => ThumbnailKind.Large, _ => ThumbnailKind.Small };
        return name is "small" or "large";
    }
}

/// <summary>Sizes of the renditions, as pure arithmetic (tested on its own). Nothing is ever enlarged.</summary>
public static class ThumbnailGeometry
{
    public const int SmallShortSide = 250;
    public const int LargeLongSide = 1440;

    /// <summary>A small tile is never longer than this many times its short side.</summary>
    public const double SmallMaxAspect = 1.5;

    /// <summary>The large rendition of a picture of <paramref name="width"/> × <paramref name="height"/>
    /// (upright).</summary>
    public static (int Width, int Height) Large(int width, int height)
    {
        var scale = Math.Min(1.0, (double)LargeLongSide / Math.Max(width, height));
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    /// <summary>The small tile: short side 250 (or less for a smaller picture), long side cut to 1.5 times
    /// it.</summary>
    public static (int Width, int Height) Small(int width, int height)
    {
        var shortSide = Math.Min(width, height);
        var target = Math.Min(SmallShortSide, shortSide);
        var scale = (double)target / shortSide;
        var longSide = Math.Max(1, (int)Math.Round(Math.Max(width, height) * scale));
        longSide = Math.Min(longSide, (int)Math.Floor(target * SmallMaxAspect));
        longSide = Math.Max(longSide, target);
        return width >= height ? (longSide, target) : (target, longSide);
    }
}

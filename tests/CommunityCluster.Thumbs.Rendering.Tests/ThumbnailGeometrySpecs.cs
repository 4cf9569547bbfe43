namespace CommunityCluster.Thumbs.Rendering.Tests;

public sealed class ThumbnailGeometrySpecs
{
    [Theory]
    [InlineData(4000, 3000, 1440, 1080)]
    [InlineData(3000, 4000, 1080, 1440)]
    [InlineData(1800, 1200, 1440, 960)]
    [InlineData(800, 600, 800, 600)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(20000, 14, 1440, 1)]
    public void Large_should_fit_1440_on_the_long_side_and_never_enlarge(int width, int height, int expectedWidth,
        int expectedHeight)
    {
        var size = ThumbnailGeometry.Large(width, height);

        Assert.Equal((expectedWidth, expectedHeight), size);
    }

    [Theory]
    [InlineData(1800, 1200, 375, 250)]
    [InlineData(1200, 1800, 250, 375)]
    [InlineData(4608, 1976, 375, 250)]
    [InlineData(1000, 1000, 250, 250)]
    [InlineData(100, 68, 100, 68)]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2000, 10, 15, 10)]
    public void Small_should_have_a_250_short_side_cut_to_at_most_3_to_2(int width, int height, int expectedWidth,
        int expectedHeight)
    {
        var size = ThumbnailGeometry.Small(width, height);

        Assert.Equal((expectedWidth, expectedHeight), size);
        Assert.True(Math.Max(size.Width, size.Height) <= Math.Ceiling(Math.Min(size.Width,
            size.Height) * ThumbnailGeometry.SmallMaxAspect));
    }

    [Fact]
    public void Kind_names_should_round_trip_and_refuse_others()
    {
        Assert.True(ThumbnailKinds.TryParse("small", out var small));
        Assert.True(ThumbnailKinds.TryParse("large", out var large));

        Assert.Equal((ThumbnailKind.Small, ThumbnailKind.Large), (small, large));
        Assert.False(ThumbnailKinds.TryParse("huge", out _));
        Assert.False(ThumbnailKinds.TryParse(null, out _));
    }
}

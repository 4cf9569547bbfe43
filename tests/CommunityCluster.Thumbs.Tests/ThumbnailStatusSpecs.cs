using CommunityCluster.Thumbs.Records;

namespace CommunityCluster.Thumbs.Tests;

public sealed class ThumbnailStatusSpecs
{
    [Theory]
    [InlineData(null, "thumbnails pending")]
    [InlineData(ThumbnailState.Pending, "thumbnails pending")]
    [InlineData(ThumbnailState.Ready, "ready")]
    [InlineData(ThumbnailState.NoPreview, "no preview")]
    [InlineData(ThumbnailState.Failed, "failed")]
    public void Record_states_should_map_onto_the_catalogs_photo_states(string? state, string catalog)
    {
        var mapped = ThumbnailStatus.CatalogStateOf(state);

        Assert.Equal(catalog, mapped);
    }

    [Fact]
    public void Only_ready_and_no_preview_should_be_settled()
    {
        var settled = new[] { ThumbnailState.Pending, ThumbnailState.Ready, ThumbnailState.NoPreview,
            ThumbnailState.Failed }
            .Where(ThumbnailState.IsSettled);

        Assert.Equal([ThumbnailState.Ready, ThumbnailState.NoPreview], settled);
    }
}

using CommunityCluster.Thumbs.Records;

namespace CommunityCluster.Thumbs;

/// <summary>
/// A photo's thumbnails as the API and the catalog see them. <see cref="CatalogState"/> is the
/// photo state of DESIGN.md's catalog for this side of the photo ("stored" is the catalog's own,
/// before any job): the value MetaHub's <c>state</c> field takes at the merge.
/// </summary>
public sealed record ThumbnailStatus(string PhotoId, string State, string CatalogState, ThumbnailRecord? Record)
{
    public const string CatalogPending = "thumbnails pending";
    public const string CatalogReady = "ready";
    public const string CatalogNoPreview = "no preview";
    public const string CatalogFailed = "failed";

    public static ThumbnailStatus Of(string photoId, ThumbnailRecord? record) => new(
        photoId,
        record?.State ?? ThumbnailState.Pending,
        CatalogStateOf(record?.State),
        record);

    /// <summary>ThumbHub's record state mapped onto the catalog's photo states; no record yet is still
    /// pending.</summary>
    public static string CatalogStateOf(string? state) => state switch
    {
        ThumbnailState.Ready => CatalogReady,
        ThumbnailState.NoPreview => CatalogNoPreview,
        ThumbnailState.Failed => CatalogFailed,
        _ => CatalogPending,
    };
}

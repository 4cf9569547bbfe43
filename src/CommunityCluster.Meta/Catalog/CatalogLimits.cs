namespace CommunityCluster.Meta.Catalog;

/// <summary>
/// Bounds on what people can put in a record. They keep every catalog key small (DESIGN.md fact 5):
/// a key holds about 25 records at 100,000 photos, and its serialized size must stay under
/// <see cref="MaxKeyBytes"/> so that 5 keys fit one gossip message of the 128,000-byte frame.
/// </summary>
public static class CatalogLimits
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxAlbumNameLength = 100;
    public const int MaxTagLength = 40;
    public const int MaxTagsPerPhoto = 30;
    public const int MaxAlbumsPerPhoto = 50;

    /// <summary>A write that would make one key larger than this is refused: 5 such keys fill 100 KB of a 128
    /// KB frame.</summary>
    public const int MaxKeyBytes = 20_000;

    /// <summary>Uploader names come from a header until accounts exist; bounded like an account name.</summary>
    public const int MaxUploaderLength = 64;
}

namespace CommunityCluster.Meta.Catalog;

/// <summary>Where a photo is in its life: its bytes are stored, then its previews are made.</summary>
public enum PhotoState
{
    /// <summary>The bytes are stored; no thumbnail has been asked for (no thumbnail service yet).</summary>
    Stored,

    /// <summary>Thumbnails were asked for and are being made.</summary>
    ThumbnailsPending,

    /// <summary>The thumbnails exist; their ids are in <see cref="Preview"/>.</summary>
    Ready,

    /// <summary>No preview can be made: the bytes are no image this community can decode.</summary>
    NoPreview,

    /// <summary>Making the previews failed; the original is still stored.</summary>
    Failed,
}

/// <summary>The state and the thumbnails, one register: they change together and must agree.</summary>
/// <param name="State">The photo's state.</param>
/// <param name="SmallThumbnailId">Content id of the small thumbnail, once made.</param>
/// <param name="LargeThumbnailId">Content id of the large preview, once made.</param>
public sealed record Preview(PhotoState State, string? SmallThumbnailId = null, string? LargeThumbnailId = null)
{
    public static readonly Preview Stored = new(PhotoState.Stored);

    public static readonly Preview None = new(PhotoState.NoPreview);
}

public static class PhotoStateNames
{
    /// <summary>The state as the API spells it: <c>stored</c>, <c>thumbnails-pending</c>, ...</summary>
    public static string ApiName(this PhotoState state) => state switch
    {
        PhotoState.Stored => "stored",
        PhotoState.ThumbnailsPending => "thumbnails-pending",
        PhotoState.Ready => "ready",
        PhotoState.NoPreview => "no-preview",
        PhotoState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static bool TryParse(string? text, out PhotoState state)
    {
        foreach (var candidate in Enum.GetValues<PhotoState>())
        {
            if (candidate.ApiName() == text)
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }
}

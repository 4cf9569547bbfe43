using CommunityCluster.Thumbs.Records;

namespace CommunityCluster.Thumbs.Jobs;

/// <summary>
/// A photo's thumbnails changed state (a first attempt was queued, they became ready, no preview
/// can be made, every attempt failed). Published on the job entity's node's event stream, so
/// that the catalog, which ThumbHub does not reference, can follow without ThumbHub knowing it.
/// </summary>
public sealed record ThumbnailsChanged(string PhotoId, string State, string? SmallBlobId, string? LargeBlobId)
{
    public static ThumbnailsChanged Of(ThumbnailRecord record) =>
        new(record.PhotoId, record.State, record.Small?.BlobId, record.Large?.BlobId);
}

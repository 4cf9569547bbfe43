namespace CommunityCluster.Thumbs.Records;

/// <summary>Where a photo's thumbnails stand. Stored as these strings, which the API shows as they are.</summary>
public static class ThumbnailState
{
    /// <summary>A job is queued or running.</summary>
    public const string Pending = "pending";

    /// <summary>Both renditions are stored.</summary>
    public const string Ready = "ready";

    /// <summary>The file cannot be shown (too large, truncated, not an image...): final, with a reason.</summary>
    public const string NoPreview = "no-preview";

    /// <summary>Every attempt failed for reasons other than the file (no worker could fetch or store): retried by
    /// the sweeper.</summary>
    public const string Failed = "failed";

    public static bool IsSettled(string state) => state is Ready or NoPreview;
}

/// <summary>A stored rendition: the content id of its blob, its media type and its size in pixels.</summary>
public sealed record ThumbnailBlob(string BlobId, string ContentType, int Width, int Height, long Bytes);

/// <summary>
/// ThumbHub's own record of one photo's thumbnails, kept in Distributed Data
/// (<see cref="ThumbnailKeys"/>). Only the photo's job entity writes it, so the attempt number
/// and the state never race. A stored contract: new fields get defaults.
/// </summary>
/// <param name="PhotoId">The photo.</param>
/// <param name="State">One of <see cref="ThumbnailState"/>.</param>
/// <param name="Reason">Why there is no preview, or why the last attempt failed (a short code).</param>
/// <param name="Detail">The same for people.</param>
/// <param name="Small">The grid tile, once ready.</param>
/// <param name="Large">The preview, once ready.</param>
/// <param name="Worker">The address of the node doing (or that did) the job.</param>
/// <param name="WorkerHome">Its home, for people.</param>
/// <param name="Attempt">Counts assignments: a result from an older attempt is ignored.</param>
/// <param name="Stage">queued, fetching, rendering, storing, done.</param>
/// <param name="Progress">0 to 100, by stage.</param>
/// <param name="QueuedAt">When the first job was queued (upload time).</param>
/// <param name="UpdatedAt">Last change; a pending record not updated for long is picked up again.</param>
/// <param name="SettledAt">When it became ready or no-preview.</param>
/// <param name="Route">Why the worker was chosen (the router's explanation).</param>
/// <param name="Timings">Where the settled job's time went on its worker.</param>
public sealed record ThumbnailRecord(
    string PhotoId,
    string State,
    string? Reason,
    string? Detail,
    ThumbnailBlob? Small,
    ThumbnailBlob? Large,
    string? Worker,
    string? WorkerHome,
    int Attempt,
    string Stage,
    int Progress,
    DateTimeOffset QueuedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SettledAt,
    string? Route,
    Jobs.JobTimings? Timings = null)
{
    public bool IsSettled => ThumbnailState.IsSettled(State);

    public ThumbnailBlob? Of(Rendering.ThumbnailKind kind) => kind == Rendering.ThumbnailKind.Small ? Small : Large;

    public static ThumbnailRecord Queued(string photoId, DateTimeOffset now) =>
        new(photoId, ThumbnailState.Pending, null, null, null, null, null, null, 0, "queued", 0, now, now, null, null);
}

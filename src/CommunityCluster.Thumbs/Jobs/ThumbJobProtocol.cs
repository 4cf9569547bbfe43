using CommunityCluster.Thumbs.Records;

namespace CommunityCluster.Thumbs.Jobs;

/// <summary>Marks ThumbHub's wire contract (<see cref="ThumbHubSerializer"/>).</summary>
public interface IThumbHubMessage;

/// <summary>A command to the job entity whose id is the photo id.</summary>
public interface IThumbJobCommand : IThumbHubMessage
{
    string PhotoId { get; }
}

/// <summary>
/// Make this photo's thumbnails unless they exist or are being made. <paramref name="Worker"/> is
/// the address the asking node's router chose (null: the entity routes itself). Answered with
/// <see cref="ThumbnailsQueued"/>.
/// </summary>
public sealed record QueueThumbnails(string PhotoId, string? Worker, string? Route) : IThumbJobCommand;

public sealed record ThumbnailsQueued(string PhotoId, ThumbnailRecord Record) : IThumbHubMessage;

/// <summary>From the sweeper: look at this job again (its entity may have moved, or its worker died).</summary>
public sealed record ResumeJob(string PhotoId) : IThumbJobCommand;

/// <summary>Forget the photo's thumbnails (the photo was deleted).</summary>
public sealed record ForgetThumbnails(string PhotoId) : IThumbJobCommand;

/// <summary>To a worker: make the thumbnails of a photo; report to the job entity (through the region) with this
/// attempt.</summary>
public sealed record RenderThumbnails(string PhotoId, int Attempt) : IThumbHubMessage;

/// <summary>A worker's progress on an attempt: the stage it reached and a percentage.</summary>
public sealed record JobProgress(string PhotoId, int Attempt, string Stage, int Percent,
    string Worker) : IThumbJobCommand;

/// <summary>
/// A worker finished an attempt. <paramref name="State"/> is ready, no-preview or failed (failed:
/// this worker could not do it, another may; the entity reassigns). Acknowledged with
/// <see cref="JobFinishedAck"/>, so a worker knows its result counted.
/// </summary>
public sealed record JobFinished(
    string PhotoId,
    int Attempt,
    string Worker,
    string State,
    string? Reason,
    string? Detail,
    ThumbnailBlob? Small,
    ThumbnailBlob? Large,
    double ElapsedMs,
    JobTimings? Timings = null) : IThumbJobCommand;

/// <summary><paramref name="Accepted"/> is false for an outdated attempt: its result was not recorded.</summary>
public sealed record JobFinishedAck(string PhotoId, int Attempt, bool Accepted) : IThumbHubMessage;

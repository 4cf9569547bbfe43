namespace CommunityCluster.Thumbs.Routing;

/// <summary>
/// What a worker publishes about itself for every router (in <see cref="Records.ThumbnailKeys.Workers"/>):
/// its queue (jobs that will hold its renderer before a new one) and its measured speed
/// (<see cref="JobTimes"/>). Published when a job arrives or ends, and when a job leaves the queue
/// for the renderer (looked at every second). A stored contract: new fields get defaults.
/// </summary>
public sealed record WorkerStatus(
    string Address,
    string NodeId,
    string HomeId,
    int QueueLength,
    double? MsPerJob,
    double? MsPerMegabyte,
    double? ResultBytes,
    int JobsDone,
    DateTimeOffset PublishedAt,
    double? MsPerStore = null);

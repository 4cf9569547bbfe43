namespace CommunityCluster.Thumbs.Routing;

/// <summary>
/// What a worker publishes about itself for every router (in <see cref="Records.ThumbnailKeys.Workers"/>):
/// its queue and its measured speed. Published when it changes, at most every second.
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
    DateTimeOffset PublishedAt);

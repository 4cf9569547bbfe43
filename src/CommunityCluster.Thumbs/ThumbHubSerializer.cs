using Akka.Actor;
using CommunityCluster.Hosting;
using CommunityCluster.Thumbs.Jobs;
using CommunityCluster.Thumbs.Records;
using CommunityCluster.Thumbs.Routing;

namespace CommunityCluster.Thumbs;

/// <summary>ThumbHub's wire and storage contract as versioned JSON (<see cref="VersionedJsonSerializer"/>).</summary>
public sealed class ThumbHubSerializer(ExtendedActorSystem system) : VersionedJsonSerializer(system, Contract)
{
    public static readonly IReadOnlyDictionary<string, Type> Contract = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["thumbnail-record.v1"] = typeof(ThumbnailRecord),
        ["worker-status.v1"] = typeof(WorkerStatus),
        ["queue-thumbnails.v1"] = typeof(QueueThumbnails),
        ["thumbnails-queued.v1"] = typeof(ThumbnailsQueued),
        ["resume-job.v1"] = typeof(ResumeJob),
        ["forget-thumbnails.v1"] = typeof(ForgetThumbnails),
        ["render-thumbnails.v1"] = typeof(RenderThumbnails),
        ["job-progress.v1"] = typeof(JobProgress),
        ["job-finished.v1"] = typeof(JobFinished),
        ["job-finished-ack.v1"] = typeof(JobFinishedAck),
    };

    public override int Identifier => 7107;
}

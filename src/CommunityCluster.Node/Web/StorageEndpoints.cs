using CommunityCluster.Core.Storage;
using CommunityCluster.Node.Startup;
using CommunityCluster.Photos;
using CommunityCluster.Photos.Manifests;

namespace CommunityCluster.Node.Web;

/// <summary><c>GET /api/storage/status</c>: photos, chunks, bytes, what is under-replicated, and each node's use.</summary>
public static class StorageEndpoints
{
    public static IEndpointRouteBuilder MapStorageEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/storage/status", Status);
        return routes;
    }

    private static async Task<IResult> Status(ManifestDirectory manifests, StorageNodes nodes, ResolvedNodeSettings node)
    {
        var all = await manifests.AllAsync();
        var snapshot = await nodes.SnapshotAsync();
        var liveIds = StorageNodes.LiveIds(snapshot);
        var target = Placement.EffectiveReplicas(node.Settings.Storage.ReplicationFactor, liveIds.Count);
        var summary = ReplicationHealth.Summarize(all, liveIds, target);
        var live = all.Where(m => !m.IsDeleted && m.IsPhoto).ToList();

        return Results.Ok(new
        {
            summary.Photos,
            summary.Chunks,
            summary.Bytes,
            summary.UnderReplicatedPhotos,
            summary.UnderReplicatedChunks,
            repairsRunning = summary.PendingReplicas,
            summary.DeletedAwaitingCleanup,
            summary.DerivedBlobs,
            replicationFactor = node.Settings.Storage.ReplicationFactor,
            targetCopies = target,
            nodes = snapshot.Values.OrderBy(n => n.HomeId, StringComparer.Ordinal).Select(n => new
            {
                n.NodeId,
                n.HomeId,
                address = n.Address.ToString(),
                n.IsLive,
                usedBytes = n.Profile.StorageUsedBytes,
                quotaBytes = n.Profile.StorageQuotaBytes,
                n.FreeSharedBytes,
                photos = live.Count(m => m.IsHeldBy(n.NodeId)),
                chunks = live.Where(m => m.IsHeldBy(n.NodeId)).Sum(m => m.Chunks.Count),
            }),
        });
    }
}

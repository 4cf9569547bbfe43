using CommunityCluster.Core.Settings;
using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Manifests;

namespace CommunityCluster.Photos;

/// <summary>
/// The community's storage as this node sees it: what <c>GET /api/storage/status</c> answers and
/// <c>ccm storage status</c> prints. Property names and order are that route's JSON contract.
/// </summary>
/// <param name="RepairsRunning">Replicas being filled now, over every photo.</param>
/// <param name="DerivedBlobs">Thumbnails and other blobs rendered from photos, not counted as photos.</param>
/// <param name="TargetCopies">The replication factor, lowered while there are fewer live photos nodes.</param>
public sealed record StorageStatus(
    int Photos,
    long Chunks,
    long Bytes,
    int UnderReplicatedPhotos,
    long UnderReplicatedChunks,
    int RepairsRunning,
    int DeletedAwaitingCleanup,
    int DerivedBlobs,
    int ReplicationFactor,
    int TargetCopies,
    IReadOnlyList<NodeStorageStatus> Nodes);

/// <summary>
/// One photos node: its use and quota as its profile last published them, and the photos and
/// chunks that the manifests place on it (replicas only, not fills in progress).
/// </summary>
public sealed record NodeStorageStatus(
    string NodeId,
    string HomeId,
    string Address,
    bool IsLive,
    long UsedBytes,
    long QuotaBytes,
    long FreeSharedBytes,
    int Photos,
    int Chunks);

/// <summary>
/// Builds <see cref="StorageStatus"/> from the local replica of the manifests and the photos nodes
/// alive now. The one place that computes these figures, so the REST route and ccm cannot drift.
/// </summary>
public sealed class StorageStatusReport(ManifestDirectory manifests, StorageNodes nodes, StoragePolicy policy)
{
    public async Task<StorageStatus> BuildAsync(CancellationToken cancel)
    {
        var all = await manifests.AllAsync().WaitAsync(cancel);
        var snapshot = await nodes.SnapshotAsync().WaitAsync(cancel);

        var liveIds = StorageNodes.LiveIds(snapshot);
        var target = Placement.EffectiveReplicas(policy.ReplicationFactor, liveIds.Count);
        var summary = ReplicationHealth.Summarize(all, liveIds, target);
        var live = all.Where(m => !m.IsDeleted && m.IsPhoto).ToList();
        var perNode = snapshot.Values
            .OrderBy(n => n.HomeId, StringComparer.Ordinal)
            .ThenBy(n => n.NodeId, StringComparer.Ordinal)
            .Select(n => Node(n, live))
            .ToList();

        return new StorageStatus(summary.Photos, summary.Chunks, summary.Bytes, summary.UnderReplicatedPhotos,
            summary.UnderReplicatedChunks, summary.PendingReplicas, summary.DeletedAwaitingCleanup,
            summary.DerivedBlobs, policy.ReplicationFactor, target, perNode);
    }

    private static NodeStorageStatus Node(StorageNode node, IReadOnlyList<PhotoManifest> live)
    {
        var held = live.Where(m => m.IsHeldBy(node.NodeId)).ToList();
        return new NodeStorageStatus(node.NodeId, node.HomeId, node.Address.ToString(), node.IsLive,
            node.Profile.StorageUsedBytes, node.Profile.StorageQuotaBytes, node.FreeSharedBytes,
            held.Count, held.Sum(m => m.Chunks.Count));
    }
}

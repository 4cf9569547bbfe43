using CommunityCluster.Core.Settings;
using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Photos.Repair;

namespace CommunityCluster.Photos;

/// <summary>
/// The community's storage as this node sees it: what <c>GET /api/storage/status</c> answers and
/// <c>ccm storage status</c> prints. Property names and order are that route's JSON contract.
/// </summary>
/// <param name="RepairsRunning">Replicas being filled now, over every photo.</param>
/// <param name="DerivedBlobs">Thumbnails and other blobs rendered from photos, not counted as photos.</param>
/// <param name="TargetCopies">The replication factor, lowered while there are fewer live photos nodes.</param>
/// <param name="Rebalance">The background rebalancer's work as the manifests show it.</param>
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
    IReadOnlyList<NodeStorageStatus> Nodes,
    RebalanceStatus Rebalance);

/// <summary>
/// The background rebalancer's work (<see cref="Rebalancer"/>), judged the way it judges.
/// </summary>
/// <param name="BytesPerSecond">Its budget, community-wide.</param>
/// <param name="WouldMove">Photos whose homes leave clearly more all-off hours than placement would choose now.</param>
/// <param name="Moving">Photos with their full count and a fill running: a move's first half (or a repair's).</param>
/// <param name="ExtraCopies">Photos above their target: a move's copy complete, the worse one not yet dropped.</param>
public sealed record RebalanceStatus(bool Enabled, long BytesPerSecond, int WouldMove, int Moving, int ExtraCopies);

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
            summary.DerivedBlobs, policy.ReplicationFactor, target, perNode, await RebalanceAsync(live, target));
    }

    private async Task<RebalanceStatus> RebalanceAsync(IReadOnlyList<PhotoManifest> live, int target)
    {
        if (policy.Placement != PlacementMode.Coverage)
            return new RebalanceStatus(false, policy.RebalanceBytesPerSecond, 0, 0, 0);

        var view = await RebalanceView.LoadAsync(nodes, policy);
        var decisions = live.Select(view.Decide).ToList();
        return new RebalanceStatus(true, policy.RebalanceBytesPerSecond,
            decisions.Count(d => d.Action == RebalanceAction.Fill),
            live.Count(m => m.Pending.Count > 0 && m.Replicas.Count >= m.TargetCopies(target)),
            live.Count(m => m.Replicas.Count > m.TargetCopies(target)));
    }

    private static NodeStorageStatus Node(StorageNode node, IReadOnlyList<PhotoManifest> live)
    {
        var held = live.Where(m => m.IsHeldBy(node.NodeId)).ToList();
        return new NodeStorageStatus(node.NodeId, node.HomeId, node.Address.ToString(), node.IsLive,
            node.Profile.StorageUsedBytes, node.Profile.StorageQuotaBytes, node.FreeSharedBytes,
            held.Count, held.Sum(m => m.Chunks.Count));
    }
}

using CommunityCluster.Core.Storage;

namespace CommunityCluster.Photos.Repair;

/// <summary>What a photo's replication needs now.</summary>
/// <param name="LiveReplicas">Replicas on nodes that are Up and reachable.</param>
/// <param name="NewTargets">Nodes chosen to receive a new copy.</param>
/// <param name="DroppedPending">Fills that stalled or whose node is gone.</param>
/// <param name="DroppedReplicas">Replicas of nodes that left the community, dropped once enough live copies exist.</param>
public sealed record RepairPlan(
    int LiveReplicas,
    IReadOnlyList<string> NewTargets,
    IReadOnlyList<string> DroppedPending,
    IReadOnlyList<string> DroppedReplicas)
{
    public bool Changed => NewTargets.Count + DroppedPending.Count + DroppedReplicas.Count > 0;
}

/// <summary>
/// Decides a photo's repair from its manifest and the nodes alive now: count live replicas and
/// fills still making progress; choose new targets by the normal placement for what is missing;
/// forget fills that stalled and replicas of nodes that are no longer members at all once the
/// photo has its full count again. A replica on a member that is merely unreachable is kept: its
/// home may come back with its disk.
/// </summary>
public static class RepairPlanner
{
    public static RepairPlan Plan(
        PhotoManifest manifest, IReadOnlyDictionary<string, StorageNode> nodes, IReadOnlySet<string> liveIds,
        int target, DateTimeOffset now, TimeSpan stalledAfter)
    {
        var live = manifest.Replicas.Count(liveIds.Contains);
        var droppedPending = manifest.Pending
            .Where(p => !liveIds.Contains(p.NodeId) || now - p.Since > stalledAfter)
            .Select(p => p.NodeId).ToList();
        var filling = manifest.Pending.Count(p => !droppedPending.Contains(p.NodeId));

        var missing = target - live - filling;
        var exclude = manifest.Replicas.Concat(manifest.Pending.Select(p => p.NodeId)).ToHashSet(StringComparer.Ordinal);
        var candidates = nodes.Values.Where(n => liveIds.Contains(n.NodeId)).Select(n => n.AsCandidate);
        var newTargets = missing > 0
            ? Placement.Choose(candidates, missing, manifest.Size, manifest.PhotoId, exclude).Select(c => c.NodeId).ToList()
            : [];

        var droppedReplicas = live >= target
            ? manifest.Replicas.Where(r => !nodes.ContainsKey(r)).ToList()
            : [];

        return new RepairPlan(live, newTargets, droppedPending, droppedReplicas);
    }

    public static PhotoManifest Apply(PhotoManifest manifest, RepairPlan plan)
    {
        var now = DateTimeOffset.UtcNow;
        var updated = manifest.WithoutNodes([.. plan.DroppedPending.Where(p => !manifest.IsHeldBy(p)), .. plan.DroppedReplicas]);
        return plan.NewTargets.Aggregate(updated, (m, nodeId) => m.WithPending(nodeId, now));
    }
}

using CommunityCluster.Core.Availability;
using CommunityCluster.Core.Storage;
using CommunityCluster.Discovery;

namespace CommunityCluster.Photos.Repair;

/// <summary>What a photo's replication needs now.</summary>
/// <param name="LiveReplicas">Replicas on nodes that are Up and reachable.</param>
/// <param name="RestingReplicas">Replicas on homes away as usual or as announced, still counted.</param>
/// <param name="NewTargets">Nodes chosen to receive a new copy.</param>
/// <param name="DroppedPending">Fills that stalled or whose node is gone.</param>
/// <param name="DroppedReplicas">Replicas of nodes that left and are forgotten, dropped once enough live copies exist.</param>
public sealed record RepairPlan(
    int LiveReplicas,
    IReadOnlyList<string> NewTargets,
    IReadOnlyList<string> DroppedPending,
    IReadOnlyList<string> DroppedReplicas,
    int RestingReplicas = 0)
{
    public bool Changed => NewTargets.Count + DroppedPending.Count + DroppedReplicas.Count > 0;
}

/// <summary>
/// Decides a photo's repair from its manifest and the nodes alive now: count live replicas and
/// fills still making progress; choose new targets by the normal placement for what is missing;
/// forget fills that stalled.
/// A replica on a member that is merely unreachable, or on a home judged lost that may still come
/// back with its disk, stays listed but does not count: repair adds copies for it, and when it
/// returns the rebalancer drops whichever copy covers the week least. Forgetting it instead would
/// keep the copy repair made on whatever home was awake (a night home, by day) and lose the one
/// that covered the nights. Only replicas of non-members that nothing is known of, or that have
/// been gone past <see cref="AbsenceJudge.LongestRest"/>, are forgotten, once the photo has its
/// full count again.
/// A replica on a home away as usual or as announced (<see cref="ReplicaAbsences"/>) counts as if
/// live and is never dropped; new targets complete the hours of the replicas that count when
/// placement is by coverage. Nodes in <c>avoid</c> (they just declined a fill of this photo) are
/// not chosen.
/// </summary>
public static class RepairPlanner
{
    public static RepairPlan Plan(
        PhotoManifest manifest, IReadOnlyDictionary<string, StorageNode> nodes, IReadOnlySet<string> liveIds,
        int target, DateTimeOffset now, TimeSpan stalledAfter,
        PlacementMode mode = PlacementMode.Random, ReplicaAbsences? absences = null, IReadOnlySet<string>? avoid = null)
    {
        absences ??= ReplicaAbsences.None;
        var live = manifest.Replicas.Count(liveIds.Contains);
        var resting = manifest.Replicas.Where(r => !liveIds.Contains(r) && absences.IsResting(r)).ToList();
        var droppedPending = manifest.Pending
            .Where(p => !liveIds.Contains(p.NodeId) || now - p.Since > stalledAfter)
            .Select(p => p.NodeId).ToList();
        var filling = manifest.Pending.Count(p => !droppedPending.Contains(p.NodeId));

        var missing = target - live - resting.Count - filling;
        var exclude = manifest.Replicas.Concat(manifest.Pending.Select(p => p.NodeId))
            .Concat(avoid ?? Enumerable.Empty<string>())
            .ToHashSet(StringComparer.Ordinal);
        var candidates = nodes.Values.Where(n => liveIds.Contains(n.NodeId)).Select(n => n.AsCandidate);
        var newTargets = missing > 0
            ? mode.Choose(candidates, missing, manifest.Size, manifest.PhotoId, exclude,
                    Kept(manifest, nodes, liveIds, resting, absences))
                .Select(c => c.NodeId).ToList()
            : [];

        var droppedReplicas = live >= target
            ? manifest.Replicas.Where(r => !nodes.ContainsKey(r) && !resting.Contains(r) && absences.IsForgotten(r)).ToList()
            : [];

        return new RepairPlan(live, newTargets, droppedPending, droppedReplicas, resting.Count);
    }

    private static List<PlacementCandidate> Kept(
        PhotoManifest manifest, IReadOnlyDictionary<string, StorageNode> nodes, IReadOnlySet<string> liveIds,
        List<string> resting, ReplicaAbsences absences) =>
        [
            .. manifest.Replicas.Where(liveIds.Contains).Select(r => nodes[r].AsCandidate),
            .. resting.Select(absences.WeekOf).OfType<HomeWeek>()
                .Select(w => new PlacementCandidate(w.NodeId, w.HomeId, 0, w.Week)),
        ];

    public static PhotoManifest Apply(PhotoManifest manifest, RepairPlan plan)
    {
        var now = DateTimeOffset.UtcNow;
        var updated = manifest.WithoutNodes([.. plan.DroppedPending.Where(p => !manifest.IsHeldBy(p)), .. plan.DroppedReplicas]);
        return plan.NewTargets.Aggregate(updated, (m, nodeId) => m.WithPending(nodeId, now));
    }
}

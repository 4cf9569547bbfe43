using CommunityCluster.Core.Settings;
using CommunityCluster.Core.Storage;
using CommunityCluster.Discovery;

namespace CommunityCluster.Photos.Repair;

/// <summary>
/// The community as the rebalancer judges it at one moment: the photos nodes, which are live, and
/// every home's week (from its profile when live, else as last published, so a copy on a home
/// asleep is judged by its hours too). Shared by the <see cref="Rebalancer"/> and the storage
/// status, so what the status calls "would move" is what the rebalancer would do.
/// </summary>
public sealed class RebalanceView
{
    private readonly IReadOnlyDictionary<string, StorageNode> _nodes;
    private readonly IReadOnlyDictionary<string, HomeWeek> _published;
    private readonly List<PlacementCandidate> _candidates;

    private RebalanceView(IReadOnlyDictionary<string, StorageNode> nodes, IReadOnlyDictionary<string, HomeWeek> published,
        StoragePolicy policy)
    {
        _nodes = nodes;
        _published = published;
        LiveIds = StorageNodes.LiveIds(nodes);
        Target = Placement.EffectiveReplicas(policy.ReplicationFactor, LiveIds.Count);
        _candidates = [.. nodes.Values.Where(n => LiveIds.Contains(n.NodeId)).Select(n => n.AsCandidate)];
    }

    public IReadOnlySet<string> LiveIds { get; }

    public int Target { get; }

    public static async Task<RebalanceView> LoadAsync(StorageNodes nodes, StoragePolicy policy) =>
        new(await nodes.SnapshotAsync(), await nodes.WeeksAsync(), policy);

    /// <summary>What to do with the photo now; nothing for a copy on a home whose week is not known.</summary>
    public RebalanceDecision Decide(PhotoManifest manifest)
    {
        var replicas = manifest.Replicas.Select(Replica).ToList();
        if (LiveIds.Count == 0 || replicas.Any(r => r is null))
            return RebalanceDecision.None;

        return RebalancePlanner.Decide(replicas!, manifest.Pending.Count, LiveIds, _candidates,
            manifest.TargetCopies(Target), manifest.Size, manifest.PhotoId);
    }

    /// <summary>Counts a fill just started against its node's room and load, so one scan does not pile on it.</summary>
    public void Reserve(string nodeId, long bytes)
    {
        var index = _candidates.FindIndex(c => c.NodeId == nodeId);
        if (index >= 0)
            _candidates[index] = _candidates[index] with
            {
                FreeSharedBytes = _candidates[index].FreeSharedBytes - bytes,
                UsedBytes = _candidates[index].UsedBytes + bytes,
            };
    }

    private PlacementCandidate? Replica(string nodeId) =>
        _nodes.TryGetValue(nodeId, out var node) ? node.AsCandidate
        : _published.TryGetValue(nodeId, out var week) ? new PlacementCandidate(nodeId, week.HomeId, 0, week.Week)
        : null;
}

using Akka.Actor;
using Akka.DistributedData;
using Akka.Event;
using CommunityCluster.Core.Storage;

namespace CommunityCluster.Photos.Entity;

/// <summary>
/// The rebalancer's two steps, run by the entity so they never race with uploads or repair: the
/// rebalancer decides from a snapshot, the entity checks the manifest as it is now.
/// </summary>
public sealed partial class PhotoEntity
{
    private async Task Move(MoveCopy move)
    {
        var sender = Sender;
        var manifest = await _manifests.GetAsync(_photoId);
        var nodes = await _nodes.SnapshotAsync();
        var refusal = manifest switch
        {
            null or { IsDeleted: true } => "no such photo",
            _ when manifest.Pending.Count > 0 => "a fill is running",
            _ when manifest.IsHeldBy(move.NodeId) => "the node holds it already",
            _ when !nodes.TryGetValue(move.NodeId, out var node) || !node.IsLive => "the node is not live",
            _ => null,
        };
        if (refusal is not null)
        {
            sender.Tell(new RebalanceStepTaken(_photoId, false, refusal));
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var updated = manifest!.WithPending(move.NodeId, now);
        await _manifests.UpdateAsync(_photoId, current => (current ?? manifest).WithPending(move.NodeId, now),
            WriteLocal.Instance);
        nodes[move.NodeId].AuditorOf(Context.System).Tell(new FillReplica(_photoId, updated));

        _log.Info("Photo {PhotoId}: moving a copy to node {NodeId} to replace node {Replaced}; filling first",
            _photoId, move.NodeId, move.Replaces);
        sender.Tell(new RebalanceStepTaken(_photoId, true, ""));
    }

    private async Task Drop(DropExtraCopy drop)
    {
        var sender = Sender;
        var manifest = await _manifests.GetAsync(_photoId);
        var nodes = await _nodes.SnapshotAsync();
        var target = Placement.EffectiveReplicas(_policy.ReplicationFactor, StorageNodes.LiveIds(nodes).Count);
        var refusal = manifest switch
        {
            null or { IsDeleted: true } => "no such photo",
            _ when !manifest.IsHeldBy(drop.NodeId) => "the node does not hold it",
            _ when manifest.Pending.Count > 0 => "a fill is running",
            _ when manifest.Replicas.Count <= manifest.TargetCopies(target) => "the photo has no extra copy",
            _ => null,
        };
        if (refusal is not null)
        {
            sender.Tell(new RebalanceStepTaken(_photoId, false, refusal));
            return;
        }

        await _manifests.UpdateAsync(_photoId, current => (current ?? manifest!).WithoutNodes([drop.NodeId]),
            WriteLocal.Instance);

        _log.Info("Photo {PhotoId}: dropped the extra copy on node {NodeId}; {Left} copies stay; its chunks are "
            + "freed as orphans", _photoId, drop.NodeId, manifest!.Replicas.Count - 1);
        sender.Tell(new RebalanceStepTaken(_photoId, true, ""));
    }
}

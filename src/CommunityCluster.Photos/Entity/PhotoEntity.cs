using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.DistributedData;
using Akka.Event;
using CommunityCluster.Core.Settings;
using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Photos.Repair;

namespace CommunityCluster.Photos.Entity;

/// <summary>
/// The sharded owner of one photo (entity id = photo id): it alone decides where the photo's
/// replicas go and writes its manifest, so placement never races with itself. Commands run one
/// at a time (each handler completes before the next message). The bytes never pass through it:
/// the uploading node pushes chunks to the targets it names, and repair targets pull them.
/// </summary>
public sealed partial class PhotoEntity : ReceiveActor
{
    public const string TypeName = "photo";

    /// <summary>A fill that has not finished in this time is abandoned and given to another node.</summary>
    public static readonly TimeSpan StalledFillAfter = TimeSpan.FromMinutes(5);

    private static readonly IWriteConsistency CommitConsistency = new WriteMajority(TimeSpan.FromSeconds(5));

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _photoId;
    private readonly StoragePolicy _policy;
    private readonly ManifestDirectory _manifests;
    private readonly StorageNodes _nodes;

    /// <summary>Nodes that declined a copy of this photo, and when: not chosen again for a while.</summary>
    private readonly Dictionary<string, DateTimeOffset> _declinedBy = new(StringComparer.Ordinal);

    public PhotoEntity(string photoId, StoragePolicy policy)
    {
        _photoId = photoId;
        _policy = policy;
        _manifests = new ManifestDirectory(Context.System);
        _nodes = new StorageNodes(Context.System);

        // On a starved box an ask to the local replicator can time out (soak finding 8): the
        // command is dropped with a warning, its asker's own ask times out and is retried by it
        // (an upload answers 503, the replication monitor asks again), and the entity carries on.
        ReceiveAsync<PlanUpload>(plan => Guarded("Plan", () => Plan(plan)));
        ReceiveAsync<CommitUpload>(commit => Guarded("Commit", () => Commit(commit)));
        ReceiveAsync<ReplicaCompleted>(completed => Guarded("Completed", () => Completed(completed)));
        ReceiveAsync<EnsureReplication>(_ => Guarded("Ensure", Ensure));
        ReceiveAsync<FillDeclined>(declined => Guarded("Declined", () => Declined(declined)));
        ReceiveAsync<DeletePhoto>(_ => Guarded("Delete", Delete));
        ReceiveAsync<MoveCopy>(move => Guarded("Move", () => Move(move)));
        ReceiveAsync<DropExtraCopy>(drop => Guarded("Drop", () => Drop(drop)));
    }

    private Task Guarded(string command, Func<Task> handle) =>
        StarvedPass.Run(_log, $"Photo {_photoId}: {command}", handle, "its asker retries");

    public static Props Props(string photoId, StoragePolicy policy) => Akka.Actor.Props.Create(() => new PhotoEntity(photoId, policy));

    private async Task Plan(PlanUpload plan)
    {
        var sender = Sender;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var existing = await _manifests.GetAsync(_photoId);
        var manifestRead = clock.ElapsedMilliseconds;
        if (existing is { IsDeleted: false })
        {
            sender.Tell(new AlreadyStored(_photoId, existing));
            return;
        }

        var nodes = await _nodes.SnapshotAsync();
        var avoid = plan.Avoid ?? [];
        var live = nodes.Values.Where(n => n.IsLive && !avoid.Contains(n.NodeId)).ToList();
        var target = Placement.EffectiveReplicas(Math.Min(plan.Replicas ?? _policy.ReplicationFactor, _policy.ReplicationFactor), live.Count);
        var chosen = _policy.Placement.Choose(live.Select(n => n.AsCandidate), target, plan.Size, _photoId);
        var targets = chosen.Select(c => nodes[c.NodeId]).Select(n => new ReplicaTarget(n.NodeId, n.HomeId, n.Address.ToString())).ToList();

        // The two local reads are timed: with the uploader's plan time they tell the replicator's
        // share of a slow plan from the network's (on the testbed the reads took 0 to 4 ms).
        _log.Info("Photo {PhotoId}: {Size} bytes to {Targets} ({Placement}; read manifest {ManifestMs} ms, "
            + "nodes {NodesMs} ms)", _photoId, plan.Size, string.Join(", ", targets.Select(t => t.HomeId)),
            _policy.Placement.Name(), manifestRead, clock.ElapsedMilliseconds - manifestRead);
        if (avoid.Count > 0)
            _log.Info("Photo {PhotoId}: homes for failed pushes, not nodes {Avoid}", _photoId, string.Join(",", avoid));
        // A rendered blob (its own replica count) can be made again from its photo: one stored copy
        // acknowledges it, and the others fill in the background.
        var quorum = plan.Replicas is null ? _policy.WriteQuorum : 1;
        sender.Tell(new UploadPlan(_photoId, targets, Math.Min(quorum, targets.Count)));
    }

    private async Task Commit(CommitUpload commit)
    {
        var sender = Sender;
        var now = DateTimeOffset.UtcNow;
        var manifest = new PhotoManifest(_photoId, commit.Size, commit.ContentType, commit.FileName, commit.Chunks,
            commit.Holders, [.. commit.StillFilling.Select(n => new PendingReplica(n, now))], now, DeletedAt: null,
            commit.ReplicationFactor, commit.DerivedFrom);

        // A majority is asked for; on a timeout (a partition) the manifest is still in this node's
        // durable replica and spreads when the link heals, so the upload stands.
        var majority = await _manifests.UpdateAsync(_photoId, _ => manifest, CommitConsistency);
        if (!majority)
            _log.Warning("Photo {PhotoId}: manifest written locally; a majority did not confirm within 5 s", _photoId);

        _log.Info("Photo {PhotoId} stored on {Holders}, filling {Pending}", _photoId, string.Join(",", commit.Holders),
            string.Join(",", commit.StillFilling));
        sender.Tell(new UploadCommitted(_photoId, manifest));
    }

    private async Task Completed(ReplicaCompleted completed)
    {
        var manifest = await _manifests.GetAsync(_photoId);
        if (manifest is null or { IsDeleted: true } || manifest.IsHeldBy(completed.NodeId))
            return;

        await _manifests.UpdateAsync(_photoId, current => (current ?? manifest).WithReplica(completed.NodeId), WriteLocal.Instance);
        _log.Info("Photo {PhotoId}: node {NodeId} now holds every chunk", _photoId, completed.NodeId);
    }

    private async Task Ensure()
    {
        var sender = Sender;
        sender.Tell(await Replan());
    }

    private async Task Declined(FillDeclined declined)
    {
        _declinedBy[declined.NodeId] = DateTimeOffset.UtcNow;
        var manifest = await _manifests.GetAsync(_photoId);
        var stillFilling = manifest is { IsDeleted: false } && manifest.IsPendingOn(declined.NodeId)
            && !manifest.IsHeldBy(declined.NodeId);
        if (!stillFilling)
            return;

        await _manifests.UpdateAsync(_photoId, current => (current ?? manifest!).WithoutNodes([declined.NodeId]),
            WriteLocal.Instance);
        _log.Warning("Photo {PhotoId}: node {NodeId} declined its copy ({Reason}); giving it to another home",
            _photoId, declined.NodeId, declined.Reason);
        await Replan();
    }

    /// <summary>Plans the repair the photo needs now, records it and sends the fills.</summary>
    private async Task<ReplicationEnsured> Replan()
    {
        var manifest = await _manifests.GetAsync(_photoId);
        if (manifest is null or { IsDeleted: true })
            return new ReplicationEnsured(_photoId, 0, 0, []);

        var nodes = await _nodes.SnapshotAsync();
        var liveIds = StorageNodes.LiveIds(nodes);
        var target = manifest.TargetCopies(Placement.EffectiveReplicas(_policy.ReplicationFactor, liveIds.Count));
        var absences = ReplicaAbsences.Of(await _nodes.WeeksAsync(), _policy);
        var plan = RepairPlanner.Plan(manifest, nodes, liveIds, target, DateTimeOffset.UtcNow, StalledFillAfter,
            _policy.Placement, absences, RecentlyDeclined());

        var updated = RepairPlanner.Apply(manifest, plan);
        if (plan.Changed)
            await _manifests.UpdateAsync(_photoId, current => RepairPlanner.Apply(current ?? manifest, plan), WriteLocal.Instance);

        foreach (var nodeId in plan.NewTargets)
            nodes[nodeId].AuditorOf(Context.System).Tell(new FillReplica(_photoId, updated));

        if (plan.NewTargets.Count > 0)
            _log.Info("Photo {PhotoId}: {Live} of {Target} replicas live, {Resting} resting, filling {NewTargets}",
                _photoId, plan.LiveReplicas, target, plan.RestingReplicas, string.Join(",", plan.NewTargets));

        return new ReplicationEnsured(_photoId, plan.LiveReplicas, target, plan.NewTargets);
    }

    /// <summary>
    /// A node that declined is avoided until its usage has surely spread (a fill's stall time);
    /// after that it may have freed room.
    /// </summary>
    private HashSet<string> RecentlyDeclined()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (nodeId, _) in _declinedBy.Where(d => now - d.Value > StalledFillAfter).ToList())
            _declinedBy.Remove(nodeId);

        return [.. _declinedBy.Keys];
    }

    private async Task Delete()
    {
        var sender = Sender;
        var manifest = await _manifests.GetAsync(_photoId);
        if (manifest is null or { IsDeleted: true })
        {
            sender.Tell(new PhotoNotFound(_photoId));
            return;
        }

        await _manifests.UpdateAsync(_photoId, current => (current ?? manifest) with { DeletedAt = DateTimeOffset.UtcNow },
            new WriteMajority(TimeSpan.FromSeconds(5)));
        _log.Info("Photo {PhotoId} deleted; its chunks are freed after {Grace}", _photoId, _policy.DeleteGrace);
        sender.Tell(new PhotoDeleted(_photoId));
    }

    /// <summary>Routes photo commands to entities by photo id over 100 shards.</summary>
    public sealed class MessageExtractor() : HashCodeMessageExtractor(100)
    {
        public override string? EntityId(object message) => (message as IPhotoCommand)?.PhotoId;
    }
}

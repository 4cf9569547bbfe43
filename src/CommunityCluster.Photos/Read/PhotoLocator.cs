using Akka.Actor;
using Akka.Cluster;
using CommunityCluster.Core.Settings;
using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Repair;

namespace CommunityCluster.Photos.Read;

/// <summary>Where one photo is, as <c>GET /api/photos/{id}</c> and <c>ccm photo locate</c> show it.</summary>
/// <param name="LiveCopies">Replicas on live photos nodes, against <paramref name="TargetCopies"/>.</param>
/// <param name="ReadOrder">The live replicas in the order this node would read them; empty: a read fails now.</param>
public sealed record PhotoLocation(
    string Id,
    string FileName,
    long Size,
    string ContentType,
    DateTimeOffset StoredAt,
    IReadOnlyList<ChunkPlace> Chunks,
    IReadOnlyList<ReplicaPlace> Replicas,
    IReadOnlyList<ReplicaPlace> Filling,
    int LiveCopies,
    int TargetCopies,
    IReadOnlyList<ReadChoice> ReadOrder);

public sealed record ChunkPlace(int Index, string Id, int Size, long Offset);

/// <summary>
/// A node that holds every chunk of the photo (a replica) or is being filled with them. A node
/// that is no longer a member has no address and is <c>(gone)</c> unless its published week names its home.
/// </summary>
/// <param name="State"><c>live</c>, <c>unreachable</c>, a member status such as <c>leaving</c>, or <c>gone</c>.</param>
/// <param name="Since">When a fill started; null for a replica.</param>
/// <param name="Hours">The home's usual hours; null when it published no week.</param>
public sealed record ReplicaPlace(
    string NodeId, string HomeId, string Address, bool Live, string State, DateTimeOffset? Since,
    UsualHours? Hours = null);

public sealed record ReadChoice(string HomeId, string Address, double ExpectedMs, string Reason);

/// <summary>
/// Puts together a photo's manifest, the state of the nodes it names and the order in which
/// <see cref="PhotoReader"/> would read its replicas from here. One place for both the REST
/// route and ccm, so they cannot tell different stories.
/// </summary>
public sealed class PhotoLocator(
    ActorSystem system, StorageNodes nodes, PhotoReader reader, StoragePolicy policy)
{
    public const string Gone = "(gone)";

    private readonly Cluster _cluster = Cluster.Get(system);

    public async Task<PhotoLocation> LocateAsync(PhotoManifest manifest, CancellationToken cancel)
    {
        var snapshot = await nodes.SnapshotAsync().WaitAsync(cancel);
        var ranked = await reader.RankReplicasAsync(manifest, cancel);
        var absences = ReplicaAbsences.Of(await nodes.WeeksAsync().WaitAsync(cancel), policy);
        var now = policy.Clock.Now;

        var offsets = ChunkLayout.Offsets(manifest.Chunks);
        var chunks = manifest.Chunks.Select((c, i) => new ChunkPlace(i, c.Id, c.Length, offsets[i])).ToList();
        var liveIds = StorageNodes.LiveIds(snapshot);
        var health = ReplicationHealth.Assess(manifest, liveIds,
            Placement.EffectiveReplicas(policy.ReplicationFactor, liveIds.Count));
        var readOrder = ranked
            .Select(r => new ReadChoice(r.Node.HomeId, r.Node.Address.ToString(), r.ExpectedMs, r.Reason))
            .ToList();

        return new PhotoLocation(manifest.PhotoId, manifest.FileName, manifest.Size, manifest.ContentType,
            manifest.StoredAt, chunks,
            [.. manifest.Replicas.Select(id => WithHours(Place(id, null, snapshot), snapshot, absences, now))],
            [.. manifest.Pending.Select(p => Place(p.NodeId, p.Since, snapshot))],
            health.LiveReplicas, health.Target, readOrder);
    }

    private static ReplicaPlace WithHours(ReplicaPlace place, IReadOnlyDictionary<string, StorageNode> snapshot,
        ReplicaAbsences absences, DateTimeOffset now)
    {
        // A home that left (asleep, say) is no member, but its published week still names it.
        var node = snapshot.GetValueOrDefault(place.NodeId);
        var home = place.HomeId == Gone ? absences.WeekOf(place.NodeId)?.HomeId ?? Gone : place.HomeId;
        return place with { HomeId = home, Hours = UsualHours.Of(place.NodeId, place.Live, node, absences, now) };
    }

    private ReplicaPlace Place(string nodeId, DateTimeOffset? since, IReadOnlyDictionary<string, StorageNode> snapshot)
    {
        if (!snapshot.TryGetValue(nodeId, out var node))
            return new ReplicaPlace(nodeId, Gone, "", Live: false, "gone", since);

        return new ReplicaPlace(nodeId, node.HomeId, node.Address.ToString(), node.IsLive, State(node), since);
    }

    /// <summary>Why a node is not live: <see cref="StorageNode.IsLive"/> is Up and reachable.</summary>
    private string State(StorageNode node)
    {
        if (node.IsLive)
            return "live";

        var state = _cluster.State;
        var member = state.Members.FirstOrDefault(m => m.Address == node.Address);
        if (member is null)
            return "gone";

        return state.Unreachable.Contains(member) ? "unreachable" : member.Status.ToString().ToLowerInvariant();
    }
}

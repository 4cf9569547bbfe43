using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using CommunityCluster.Core.Settings;
using CommunityCluster.Core.Storage;
using CommunityCluster.Discovery;

namespace CommunityCluster.Photos;

/// <summary>A photos node as placement and reads need it.</summary>
public sealed record StorageNode(string NodeId, string HomeId, Address Address, long FreeSharedBytes, bool IsLive, NodeProfile Profile)
{
    public ActorSelection StoreOf(ActorSystem system) =>
        system.ActorSelection(new RootActorPath(Address) / "user" / Chunks.ChunkStoreActor.Name);

    public ActorSelection AuditorOf(ActorSystem system) =>
        system.ActorSelection(new RootActorPath(Address) / "user" / Repair.ReplicaAuditor.Name);

    public PlacementCandidate AsCandidate =>
        new(NodeId, HomeId, FreeSharedBytes, Profile.Week, Profile.StorageUsedBytes);
}

/// <summary>
/// The community's photos nodes now: membership says who is Up and reachable, profiles say each
/// one's stable node id, home and free shared space. Keyed by node id.
/// </summary>
public sealed class StorageNodes(ActorSystem system)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    private readonly IActorRef _replicator = DistributedData.Get(system).Replicator;
    private readonly Cluster _cluster = Cluster.Get(system);

    public async Task<IReadOnlyDictionary<string, StorageNode>> SnapshotAsync()
    {
        var response = await _replicator.Ask<IGetResponse>(Dsl.Get(DiscoveryKeys.Profiles, ReadLocal.Instance), AskTimeout);
        var profiles = response.IsSuccessful ? response.Get(DiscoveryKeys.Profiles).Entries : null;
        var state = _cluster.State;
        var nodes = new Dictionary<string, StorageNode>(StringComparer.Ordinal);
        if (profiles is null)
            return nodes;

        foreach (var member in state.Members.Where(m => m.HasRole(ServiceRole.Photos)))
        {
            if (!profiles.TryGetValue(member.Address.ToString(), out var profile) || profile.NodeId.Length == 0)
                continue;

            var live = member.Status == MemberStatus.Up && !state.Unreachable.Contains(member);
            nodes[profile.NodeId] = new StorageNode(profile.NodeId, profile.HomeId, member.Address, profile.FreeSharedBytes, live, profile);
        }

        return nodes;
    }

    /// <summary>Every home's published week by node id, including homes that are away now.</summary>
    public async Task<IReadOnlyDictionary<string, HomeWeek>> WeeksAsync()
    {
        var get = Dsl.Get(DiscoveryKeys.Weeks, ReadLocal.Instance);
        var response = await _replicator.Ask<IGetResponse>(get, AskTimeout);
        return response.IsSuccessful
            ? response.Get(DiscoveryKeys.Weeks).Entries
            : new Dictionary<string, HomeWeek>(StringComparer.Ordinal);
    }

    public static IReadOnlySet<string> LiveIds(IReadOnlyDictionary<string, StorageNode> nodes) =>
        nodes.Values.Where(n => n.IsLive).Select(n => n.NodeId).ToHashSet(StringComparer.Ordinal);
}

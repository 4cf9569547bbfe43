using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;

namespace CommunityCluster.Hosting;

/// <summary>
/// Allocates a new shard only to regions on members that are Up and reachable, then lets
/// Akka's least-shard strategy choose among them. Akka's strategy alone can hand a new shard to a
/// home that was switched off without leaving and is not downed yet, and every message to that
/// shard then waits for the downing (up to <see cref="ClusterTimings.DowningBound"/>).
/// When no region is reachable it falls back to all of them rather than refuse.
/// </summary>
public sealed class ReachableShardAllocationStrategy(IShardAllocationStrategy inner)
    : IActorSystemDependentAllocationStrategy
{
    private Cluster? _cluster;

    public void Start(ActorSystem system)
    {
        _cluster = Cluster.Get(system);
        if (inner is IActorSystemDependentAllocationStrategy dependent)
            dependent.Start(system);
        else if (inner is IStartableAllocationStrategy startable)
            startable.Start();
    }

    public Task<IActorRef> AllocateShard(
        IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        var reachable = currentShardAllocations.Where(region => IsReachableAndUp(region.Key)).ToImmutableDictionary();
        return inner.AllocateShard(requester, shardId, reachable.IsEmpty ? currentShardAllocations : reachable);
    }

    public Task<IImmutableSet<string>> Rebalance(
        IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress) =>
        inner.Rebalance(currentShardAllocations, rebalanceInProgress);

    private bool IsReachableAndUp(IActorRef region)
    {
        if (_cluster is null)
            return true;

        var state = _cluster.State;
        var address = region.Path.Address.HasLocalScope ? _cluster.SelfAddress : region.Path.Address;
        var member = state.Members.FirstOrDefault(m => m.Address == address);
        return member is { Status: MemberStatus.Up } && !state.Unreachable.Contains(member);
    }
}

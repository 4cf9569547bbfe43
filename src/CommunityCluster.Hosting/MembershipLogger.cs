using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace CommunityCluster.Hosting;

/// <summary>
/// Logs every membership and reachability change with the member's address, so an operator
/// reading one node's log can follow the community coming and going.
/// </summary>
public sealed class MembershipLogger : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public MembershipLogger()
    {
        Receive<ClusterEvent.MemberUp>(e => LogMember("is up", e.Member));
        Receive<ClusterEvent.MemberJoined>(e => LogMember("is joining", e.Member));
        Receive<ClusterEvent.MemberLeft>(e => LogMember("is leaving", e.Member));
        Receive<ClusterEvent.MemberExited>(e => LogMember("has exited", e.Member));
        Receive<ClusterEvent.MemberDowned>(e => LogMember("was downed", e.Member));
        Receive<ClusterEvent.MemberRemoved>(e =>
            _log.Info("Member {Address} was removed (was {PreviousStatus})", e.Member.Address, e.PreviousStatus));
        Receive<ClusterEvent.UnreachableMember>(e => _log.Warning("Member {Address} is unreachable", e.Member.Address));
        Receive<ClusterEvent.ReachableMember>(e => _log.Info("Member {Address} is reachable again", e.Member.Address));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
    }

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(
            Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    private void LogMember(string what, Member member) =>
        _log.Info("Member {Address} " + what + " with roles [{Roles}]", member.Address, string.Join(",", member.Roles));
}

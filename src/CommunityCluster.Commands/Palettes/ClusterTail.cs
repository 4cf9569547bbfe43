using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;

namespace CommunityCluster.Commands.Palettes;

/// <summary>
/// <c>cluster tail</c>: an actor subscribed to membership and reachability events feeds a channel
/// that the HTTP response reads line by line. The first line says the subscription is live, so
/// whoever reads it knows that every later change will show. The actor stops when the client
/// hangs up; when this member stops (the actor system ends, and the actor with it), the last
/// line says so.
/// </summary>
public static class ClusterTail
{
    /// <summary>Lines kept for a slow reader; past that the oldest go, so a stalled client costs little.</summary>
    private const int Backlog = 1000;

    public static async IAsyncEnumerable<StreamEvent> Events(
        ActorSystem system, Cluster cluster, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var channel = Channel.CreateBounded<StreamEvent>(
            new BoundedChannelOptions(Backlog) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var forwarder = system.ActorOf(Props.Create(() => new Forwarder(cluster, channel.Writer)));
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellation))
                yield return item;

            var self = cluster.SelfAddress.ToString();
            yield return new StreamEvent(new MemberEvent("stopped", self, null, null, DateTimeOffset.UtcNow),
                $"{self} has stopped; the stream ends", Final: true);
        }
        finally
        {
            forwarder.Tell(PoisonPill.Instance);
        }
    }

    private sealed class Forwarder : ReceiveActor
    {
        private readonly Cluster _cluster;
        private readonly ChannelWriter<StreamEvent> _writer;

        public Forwarder(Cluster cluster, ChannelWriter<StreamEvent> writer)
        {
            _cluster = cluster;
            _writer = writer;

            Receive<ClusterEvent.CurrentClusterState>(Subscribed);
            Receive<ClusterEvent.MemberJoined>(e => Member("joined", e.Member));
            Receive<ClusterEvent.MemberWeaklyUp>(e => Member("weakly-up", e.Member));
            Receive<ClusterEvent.MemberUp>(e => Member("up", e.Member));
            Receive<ClusterEvent.MemberLeft>(e => Member("leaving", e.Member));
            Receive<ClusterEvent.MemberExited>(e => Member("exited", e.Member));
            Receive<ClusterEvent.MemberDowned>(e => Member("downed", e.Member));
            Receive<ClusterEvent.MemberRemoved>(e => Member("removed", e.Member, $"was {e.PreviousStatus}"));
            Receive<ClusterEvent.UnreachableMember>(e => Member("unreachable", e.Member));
            Receive<ClusterEvent.ReachableMember>(e => Member("reachable", e.Member));
            Receive<ClusterEvent.LeaderChanged>(e => Write(
                new MemberEvent("leader", e.Leader?.ToString() ?? "none", null, null, DateTimeOffset.UtcNow),
                Line(DateTimeOffset.UtcNow, "leader", e.Leader?.ToString() ?? "none", "")));
            ReceiveAny(_ => { });
        }

        protected override void PreStart() =>
            _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
                typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent),
                typeof(ClusterEvent.LeaderChanged));

        protected override void PostStop()
        {
            _cluster.Unsubscribe(Self);
            _writer.TryComplete();
        }

        /// <summary>The snapshot that opens a subscription: from here on, every change is an event.</summary>
        private void Subscribed(ClusterEvent.CurrentClusterState state)
        {
            var self = _cluster.SelfAddress.ToString();
            var count = Commands.Views.Count(state.Members.Count, "member");
            var status = _cluster.SelfMember.Status.ToString();
            Write(new MemberEvent("subscribed", self, status, null, DateTimeOffset.UtcNow, count),
                $"tailing the cluster as {self} sees it ({count}); Ctrl-C stops");
        }

        private void Member(string what, Member member, string? detail = null)
        {
            var at = DateTimeOffset.UtcNow;
            var roles = Commands.Members.Roles(member);
            var data = new MemberEvent(what, member.Address.ToString(), member.Status.ToString(), roles, at, detail);
            var rest = $"[{string.Join(",", roles)}]{(detail is null ? "" : " " + detail)}";
            Write(data, Line(at, what, member.Address.ToString(), rest));
        }

        private void Write(MemberEvent data, string text) => _writer.TryWrite(new StreamEvent(data, text));

        private static string Line(DateTimeOffset at, string what, string subject, string rest) =>
            $"{Views.Time(at)}  {what,-11}  {subject}  {rest}".TrimEnd();
    }
}

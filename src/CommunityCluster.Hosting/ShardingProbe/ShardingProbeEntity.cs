using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;

namespace CommunityCluster.Hosting.ShardingProbe;

/// <summary>
/// A sharded entity that does nothing but say where it lives. Asking it for a new id answers the
/// operator's question "can this community still allocate shards right now?", which is what a
/// home switched off without leaving puts at risk (DESIGN.md fact 3).
/// </summary>
public sealed class ShardingProbeEntity : ReceiveActor
{
    public const string TypeName = "sharding-probe";

    public ShardingProbeEntity()
    {
        var self = Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<WhereAreYou>(m => Sender.Tell(new HostedAt(m.EntityId, self)));
    }

    /// <summary>Shards spread probes over the nodes; 100 shards suit communities of 3 to 30 homes.</summary>
    public sealed class MessageExtractor() : HashCodeMessageExtractor(100)
    {
        public override string? EntityId(object message) => (message as WhereAreYou)?.EntityId;
    }
}

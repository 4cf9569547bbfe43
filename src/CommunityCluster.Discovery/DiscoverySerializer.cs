using Akka.Actor;
using CommunityCluster.Hosting;

namespace CommunityCluster.Discovery;

/// <summary>Versioned JSON for discovery's contract; see <see cref="VersionedJsonSerializer"/>.</summary>
public sealed class DiscoverySerializer(ExtendedActorSystem system) : VersionedJsonSerializer(system, Contract)
{
    public static readonly IReadOnlyDictionary<string, Type> Contract = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["profile.v1"] = typeof(NodeProfile),
        ["links.v1"] = typeof(LinkRow),
        ["ping.v1"] = typeof(Ping),
        ["pong.v1"] = typeof(Pong),
        ["probe.v1"] = typeof(ThroughputProbe),
        ["probe-ack.v1"] = typeof(ThroughputProbeAck),
        ["home-week.v1"] = typeof(HomeWeek),
        ["announce-absence.v1"] = typeof(AnnounceAbsence),
        ["absence-announced.v1"] = typeof(AbsenceAnnounced),
    };

    public override int Identifier => 7101;
}

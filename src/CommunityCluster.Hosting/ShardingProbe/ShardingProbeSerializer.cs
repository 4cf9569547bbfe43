using Akka.Actor;

namespace CommunityCluster.Hosting.ShardingProbe;

public sealed class ShardingProbeSerializer(ExtendedActorSystem system) : VersionedJsonSerializer(system, Contract)
{
    public static readonly IReadOnlyDictionary<string, Type> Contract = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["where-are-you.v1"] = typeof(WhereAreYou),
        ["hosted-at.v1"] = typeof(HostedAt),
    };

    public override int Identifier => 7102;
}

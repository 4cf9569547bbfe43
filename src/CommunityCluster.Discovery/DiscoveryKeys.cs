using Akka.DistributedData;

namespace CommunityCluster.Discovery;

/// <summary>
/// The two Distributed Data keys of discovery. Each holds one entry per member, so each stays
/// small (30 homes: about 10 KB of profiles, 50 KB of links), far from the gossip limit of
/// DESIGN.md fact 5. Neither is durable: live members publish them again within seconds.
/// </summary>
public static class DiscoveryKeys
{
    public static readonly LWWDictionaryKey<string, NodeProfile> Profiles = new("discovery-profiles");

    public static readonly LWWDictionaryKey<string, LinkRow> Links = new("discovery-links");
}

using Akka.DistributedData;

namespace CommunityCluster.Discovery;

/// <summary>
/// The Distributed Data keys of discovery. Each holds one entry per member or home, so each stays
/// small (30 homes: about 15 KB of profiles, 50 KB of links, 10 KB of weeks), far from the gossip
/// limit of DESIGN.md fact 5. Profiles and links are not durable: live members publish them again
/// within seconds; weeks are, since they speak for homes that are away.
/// </summary>
public static class DiscoveryKeys
{
    public static readonly LWWDictionaryKey<string, NodeProfile> Profiles = new("discovery-profiles");

    public static readonly LWWDictionaryKey<string, LinkRow> Links = new("discovery-links");

    /// <summary>
    /// Each home's week by node id (about 300 bytes each). Durable and not removed when a member
    /// leaves: a home that sleeps is not a member, and repair must still know its hours.
    /// </summary>
    public static readonly LWWDictionaryKey<string, HomeWeek> Weeks = new("durable:discovery-weeks");
}

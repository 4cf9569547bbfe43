using CommunityCluster.Core.Availability;
using CommunityCluster.Core.Discovery;

namespace CommunityCluster.Discovery;

/// <summary>Marks what crosses the wire or lands in Distributed Data under DiscoverySerializer.</summary>
public interface IDiscoveryMessage;

/// <summary>
/// What a node tells the community about itself (DESIGN.md section 1). Published by the node,
/// read by anyone choosing where to place, fetch or compute. The fields after
/// <see cref="PublishedAt"/> came later and default when an older node omits them;
/// <see cref="Week"/> is the node's usual hours (168 bytes), null from a node that predates it.
/// </summary>
public sealed record NodeProfile(
    string Address,
    string HomeId,
    IReadOnlyList<string> Roles,
    long StorageQuotaBytes,
    long FreeDiskBytes,
    int Cores,
    string Version,
    DateTimeOffset StartedAt,
    double HoursOnline,
    DateTimeOffset PublishedAt,
    string NodeId = "",
    long StorageUsedBytes = 0,
    WeekProfile? Week = null) : IDiscoveryMessage
{
    /// <summary>Shared space still free: what the quota allows beyond current use, bounded by the disk.</summary>
    public long FreeSharedBytes => Math.Max(0, Math.Min(StorageQuotaBytes - StorageUsedBytes, FreeDiskBytes));
}

/// <summary>One measured link of a row: from the row's node to <paramref name="To"/>.</summary>
public sealed record LinkEntry(string To, LinkEstimate Estimate);

/// <summary>A node's row of the link matrix: what it measured to each other member.</summary>
public sealed record LinkRow(string From, IReadOnlyList<LinkEntry> Links, DateTimeOffset PublishedAt) : IDiscoveryMessage;

/// <summary>Round-trip probe; the responder echoes the sender's own clock reading.</summary>
public sealed record Ping(long Sequence, long SentAtTicks) : IDiscoveryMessage;

public sealed record Pong(long Sequence, long SentAtTicks) : IDiscoveryMessage;

/// <summary>One part of a throughput probe; parts are small so they never crowd heartbeats (DESIGN.md fact 2).</summary>
public sealed record ThroughputProbe(long Sequence, int Part, byte[] Payload) : IDiscoveryMessage;

public sealed record ThroughputProbeAck(long Sequence, int Part) : IDiscoveryMessage;

/// <summary>
/// A home's week as the community keeps it while the home is away: its usual hours, when it was
/// last seen, and an absence it announced. Kept by stable node id in
/// <see cref="DiscoveryKeys.Weeks"/>, which, unlike profiles, outlives the member, so that repair
/// can tell a home asleep as usual from a home lost. Times are week-clock times.
/// </summary>
public sealed record HomeWeek(
    string NodeId,
    string HomeId,
    WeekProfile Week,
    string OffHours,
    DateTimeOffset LastSeen,
    DateTimeOffset? AbsentUntil) : IDiscoveryMessage
{
    public HomeAbsence AsAbsence => new(Week, LastSeen, AbsentUntil);
}

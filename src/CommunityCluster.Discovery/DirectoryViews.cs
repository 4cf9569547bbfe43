using CommunityCluster.Core.Discovery;

namespace CommunityCluster.Discovery;

/// <summary>A member as this node sees it: membership from the cluster, profile from discovery.</summary>
public sealed record MemberView(
    string Address,
    string Status,
    bool Reachable,
    IReadOnlyList<string> Roles,
    string AppVersion,
    NodeProfile? Profile);

/// <summary>One link of the matrix in the units people read: milliseconds and Mbit/s.</summary>
public sealed record LinkView(
    string To,
    double RoundTripMs,
    double RoundTripVariationMs,
    double? ThroughputMbit,
    int RoundTripSamples,
    int ThroughputSamples,
    DateTimeOffset UpdatedAt)
{
    public static LinkView From(string to, LinkEstimate estimate) => new(
        to,
        Math.Round(estimate.RoundTripMs, 3),
        Math.Round(estimate.RoundTripVariationMs, 3),
        estimate.ThroughputBytesPerSecond is { } bytes ? Math.Round(bytes * 8 / 1e6, 3) : null,
        estimate.RoundTripSamples,
        estimate.ThroughputSamples,
        estimate.UpdatedAt);

    /// <summary>The measured throughput in bytes per second, as transfers use it; null when unmeasured.</summary>
    public double? BytesPerSecond() => ThroughputMbit is { } mbit ? mbit * 1e6 / 8 : null;
}

public sealed record LinkRowView(string From, DateTimeOffset? PublishedAt, IReadOnlyList<LinkView> Links);

/// <summary>The link matrix: this node's live row first, then the rows other members published.</summary>
public sealed record LinkMatrixView(string Self, IReadOnlyList<LinkRowView> Rows);

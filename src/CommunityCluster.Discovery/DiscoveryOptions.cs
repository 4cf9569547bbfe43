namespace CommunityCluster.Discovery;

/// <summary>
/// How often discovery measures and publishes. The defaults keep a home link quiet: a 16-byte
/// ping per member per second, and a 64 KiB throughput probe per member every ten minutes
/// (under 1 kbit/s on average), the rest of the throughput figures coming from real transfers.
/// </summary>
public sealed record DiscoveryOptions
{
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a changed link row or profile is written to Distributed Data.</summary>
    public TimeSpan PublishInterval { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan ProfileInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ThroughputProbeInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Parts of a throughput probe; each part is <see cref="ThroughputProbePartBytes"/>.</summary>
    public int ThroughputProbeParts { get; init; } = 4;

    public int ThroughputProbePartBytes { get; init; } = 16 * 1024;

    /// <summary>A probe not acknowledged within this time is abandoned and tried at the next interval.</summary>
    public TimeSpan ThroughputProbeTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

namespace CommunityCluster.Discovery;

/// <summary>
/// Asks this node's profile publisher to announce an absence until <paramref name="Until"/>, or
/// for <paramref name="For"/> of week-clock time from now: it writes the home's week with the
/// absence to a majority, then answers.
/// </summary>
public sealed record AnnounceAbsence(DateTimeOffset? Until, TimeSpan? For = null) : IDiscoveryMessage;

/// <summary>The absence is known to a majority (or only locally when <paramref name="Majority"/> is false).</summary>
public sealed record AbsenceAnnounced(string NodeId, DateTimeOffset Until, bool Majority) : IDiscoveryMessage;

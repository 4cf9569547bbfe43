namespace CommunityCluster.Hosting;

/// <summary>
/// The bounds that community.conf promises, in code, so tests and the README quote one source.
/// </summary>
public static class ClusterTimings
{
    /// <summary>Heartbeat silence tolerated before a member is marked unreachable.</summary>
    public static readonly TimeSpan AcceptableHeartbeatPause = TimeSpan.FromSeconds(6);

    /// <summary>How long membership must be stable before the split-brain resolver acts.</summary>
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A member cut off without leaving is downed within this time of its last heartbeat:
    /// detection (pause plus phi margin, under 10 s) + stable-after + a gossip round or two.
    /// </summary>
    public static readonly TimeSpan DowningBound = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a home tolerates a cluster with none of its seeds in it before it asks whether a
    /// seed is alive elsewhere (<see cref="IslandGuard"/>). Longer than a downing, so a seed that
    /// is merely unreachable is still a member when the question comes.
    /// </summary>
    public static readonly TimeSpan IslandGrace = TimeSpan.FromSeconds(20);

    /// <summary>How often the island guard looks at the membership, and its first wait after an unanswered ask.</summary>
    public static readonly TimeSpan IslandCheckInterval = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two asks of seeds that do not answer (a lighthouse switched off).</summary>
    public static readonly TimeSpan IslandLongestRetry = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a cluster singleton may be missing on its oldest member before
    /// <see cref="SingletonWatch"/> restarts the home. Longer than a hand-over (about 15 retries
    /// of 1 s, then the removal margin), so a singleton merely on its way is never the cause.
    /// </summary>
    public static readonly TimeSpan SingletonGrace = TimeSpan.FromSeconds(60);

    /// <summary>How often the singleton watch looks at the singletons of this home.</summary>
    public static readonly TimeSpan SingletonCheckInterval = TimeSpan.FromSeconds(5);
}

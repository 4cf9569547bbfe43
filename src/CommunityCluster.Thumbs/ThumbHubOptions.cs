using CommunityCluster.Thumbs.Rendering;
using CommunityCluster.Thumbs.Routing;

namespace CommunityCluster.Thumbs;

/// <summary>ThumbHub's settings on one node.</summary>
public sealed record ThumbHubOptions(string NodeId, string HomeId, string DataDirectory)
{
    public RoutingMode Routing { get; init; } = RoutingMode.LatencyAware;

    /// <summary>Copies of each thumbnail blob (default 2): fewer than photos, since they can be rebuilt.</summary>
    public int BlobReplicationFactor { get; init; } = 2;

    public RenderLimits Limits { get; init; } = RenderLimits.Default;

    /// <summary>A job whose worker has sent nothing for this long is given to another (default 45 s; workers report
    /// every stage and every 5 s).</summary>
    public TimeSpan StalledAfter { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Assignments per job before it is recorded as failed (default 4); the sweeper tries failed ones again
    /// later.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>How often the sweeper looks for photos without thumbnails and jobs whose worker is gone (default 5
    /// s).</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Makes the render process; null starts this executable again in render-worker mode (the node's
    /// way).</summary>
    public Func<RenderProcess>? Renderer { get; init; }

    public string TempFolder => Path.Combine(DataDirectory, "tmp", "thumbs");
}

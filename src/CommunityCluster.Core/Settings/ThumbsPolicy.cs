namespace CommunityCluster.Core.Settings;

/// <summary>
/// How a node makes and routes thumbnails (README, "Thumbnails").
/// </summary>
/// <param name="Routing">How jobs pick their worker: <c>latency-aware</c>, <c>round-robin</c> or <c>random</c>.</param>
/// <param name="MaxPixels">Most pixels a photo may declare for a thumbnail to be made of it.</param>
/// <param name="ReplicationFactor">Copies of each thumbnail blob: fewer than photos, since they can be rebuilt.</param>
public sealed record ThumbsPolicy(string Routing, long MaxPixels, int ReplicationFactor)
{
    public static readonly IReadOnlyList<string> RoutingModes = ["latency-aware", "round-robin", "random"];

    public static readonly ThumbsPolicy Default = new("latency-aware", 120_000_000, 2);
}

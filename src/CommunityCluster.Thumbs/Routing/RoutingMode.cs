namespace CommunityCluster.Thumbs.Routing;

/// <summary>How a node picks the worker for a thumbnail job (<c>THUMBS_ROUTING</c>).</summary>
public enum RoutingMode
{
    /// <summary>The lowest expected completion time, as measured (the default).</summary>
    LatencyAware,

    /// <summary>Each reachable worker in turn: the comparison baseline.</summary>
    RoundRobin,

    /// <summary>Any reachable worker at random: the other baseline.</summary>
    Random,
}

public static class RoutingModes
{
    public static bool TryParse(string text, out RoutingMode mode)
    {
        mode = text.Trim().ToLowerInvariant() switch
        {
            "round-robin" => RoutingMode.RoundRobin,
            "random" => RoutingMode.Random,
            _ => RoutingMode.LatencyAware,
        };
        return text.Trim().ToLowerInvariant() is "latency" or "latency-aware" or "round-robin" or "random";
    }

    public static string Name(this RoutingMode mode) => mode switch
    {
        RoutingMode.RoundRobin => "round-robin",
        RoutingMode.Random => "random",
        _ => "latency-aware",
    };
}

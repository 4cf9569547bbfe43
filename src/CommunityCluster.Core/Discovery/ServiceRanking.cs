namespace CommunityCluster.Core.Discovery;

/// <summary>One instance of a service as the asking node sees it.</summary>
public sealed record ServiceCandidate(string Address, bool Reachable, LinkEstimate? Link);

/// <summary>A candidate with the completion time the asking node expects of it, and why.</summary>
public sealed record RankedInstance(string Address, double ExpectedMs, string Reason);

/// <summary>
/// Ranks the instances of a service by the quality of service that the asking node measures:
/// expected completion time of a transfer = round trip + size / throughput. Unmeasured throughput
/// counts as <see cref="AssumedBytesPerSecond"/>, a slow home uplink, so a node is never preferred
/// for what nobody has seen it do; unreachable nodes come last, and the asking node itself first
/// because it needs no network at all.
/// </summary>
public static class ServiceRanking
{
    /// <summary>0.3 Mbit/s, the slowest uplink in the study's table.</summary>
    public const double AssumedBytesPerSecond = 0.3e6 / 8;

    /// <summary>Round trip assumed for a node not yet pinged: slower than any measured home link.</summary>
    public const double AssumedRoundTripMs = 200;

    public static IReadOnlyList<RankedInstance> Rank(
        string selfAddress, IEnumerable<ServiceCandidate> candidates, long transferBytes)
    {
        return candidates
            .Select(c => Score(selfAddress, c, transferBytes))
            .OrderBy(r => r.ExpectedMs)
            .ThenBy(r => r.Address, StringComparer.Ordinal)
            .ToList();
    }

    private static RankedInstance Score(string selfAddress, ServiceCandidate candidate, long transferBytes)
    {
        if (candidate.Address == selfAddress)
            return new RankedInstance(candidate.Address, 0, "this node");

        if (!candidate.Reachable)
            return new RankedInstance(candidate.Address, double.PositiveInfinity, "unreachable");

        var roundTrip = candidate.Link?.RoundTripMs ?? AssumedRoundTripMs;
        var measured = candidate.Link?.ThroughputBytesPerSecond;
        var throughput = measured ?? AssumedBytesPerSecond;
        var expected = roundTrip + transferBytes / throughput * 1000;

        var reason = (candidate.Link, measured) switch
        {
            (null, _) => "not measured yet",
            (_, null) => $"rtt {roundTrip:0.#} ms, throughput not measured yet",
            _ => $"rtt {roundTrip:0.#} ms, {throughput * 8 / 1e6:0.##} Mbit/s",
        };
        return new RankedInstance(candidate.Address, expected, reason);
    }
}

using CommunityCluster.Core.Discovery;

namespace CommunityCluster.Core.Tests;

public class ServiceRankingSpecs
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static LinkEstimate Link(double rttMs, double? mbit) =>
        mbit is { } m
            ? LinkEstimate.FirstRoundTrip(rttMs, At).WithTransfer((long)(m * 1e6 / 8), TimeSpan.FromSeconds(1), At)
            : LinkEstimate.FirstRoundTrip(rttMs, At);

    [Fact]
    public void Ranking_should_prefer_throughput_over_round_trip_for_a_large_transfer()
    {
        // The study's node1 sees node4 at 50 ms and 0.26 Mbit/s, node3 at 58 ms with 3.6 Mbit/s back.
        ServiceCandidate[] candidates = [new("node4", true, Link(50, 0.26)), new("node3", true, Link(58, 3.6))];

        var ranked = ServiceRanking.Rank("node1", candidates, transferBytes: 2_000_000);

        Assert.Equal(["node3", "node4"], ranked.Select(r => r.Address));
        Assert.Equal(58 + 2_000_000 / (3.6e6 / 8) * 1000, ranked[0].ExpectedMs, precision: 3);
    }

    [Fact]
    public void Ranking_should_prefer_round_trip_for_a_tiny_transfer()
    {
        ServiceCandidate[] candidates = [new("far", true, Link(63, 76)), new("near", true, Link(22, 17))];

        var ranked = ServiceRanking.Rank("me", candidates, transferBytes: 100);

        Assert.Equal("near", ranked[0].Address);
    }

    [Fact]
    public void Ranking_should_put_itself_first_and_unreachable_nodes_last()
    {
        ServiceCandidate[] candidates =
        [
            new("gone", false, Link(1, 1000)), new("other", true, Link(30, 10)), new("me", true, null),
        ];

        var ranked = ServiceRanking.Rank("me", candidates, transferBytes: 1_000_000);

        Assert.Equal(["me", "other", "gone"], ranked.Select(r => r.Address));
        Assert.Equal("unreachable", ranked[2].Reason);
    }

    [Fact]
    public void Ranking_should_not_prefer_a_node_nobody_has_measured()
    {
        ServiceCandidate[] candidates = [new("unknown", true, null), new("measured-slow", true, Link(69, 0.66))];

        var ranked = ServiceRanking.Rank("me", candidates, transferBytes: 1_000_000);

        Assert.Equal("measured-slow", ranked[0].Address);
        Assert.Equal("not measured yet", ranked[1].Reason);
    }
}

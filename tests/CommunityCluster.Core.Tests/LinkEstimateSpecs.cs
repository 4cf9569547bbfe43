using CommunityCluster.Core.Discovery;

namespace CommunityCluster.Core.Tests;

public class LinkEstimateSpecs
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void LinkEstimate_should_move_an_eighth_of_the_way_towards_a_new_round_trip()
    {
        var estimate = LinkEstimate.FirstRoundTrip(40, At);

        var next = estimate.WithRoundTrip(120, At);

        Assert.Equal(50, next.RoundTripMs, precision: 6);
        Assert.Equal(2, next.RoundTripSamples);
    }

    [Fact]
    public void LinkEstimate_should_settle_on_a_steady_round_trip()
    {
        var estimate = LinkEstimate.FirstRoundTrip(500, At);

        for (var i = 0; i < 100; i++)
            estimate = estimate.WithRoundTrip(58, At);

        Assert.Equal(58, estimate.RoundTripMs, precision: 1);
        Assert.True(estimate.RoundTripVariationMs < 1, $"variation {estimate.RoundTripVariationMs} should fade");
    }

    [Fact]
    public void LinkEstimate_should_take_the_first_throughput_as_it_is_then_smooth()
    {
        var estimate = LinkEstimate.FirstRoundTrip(20, At);

        var first = estimate.WithTransfer(1_000_000, TimeSpan.FromSeconds(1), At);
        var second = first.WithTransfer(2_000_000, TimeSpan.FromSeconds(1), At);

        Assert.Equal(1_000_000, first.ThroughputBytesPerSecond);
        Assert.Equal(1_250_000, second.ThroughputBytesPerSecond);
        Assert.Equal(2, second.ThroughputSamples);
    }

    [Fact]
    public void LinkEstimate_should_ignore_an_empty_or_instant_transfer()
    {
        var estimate = LinkEstimate.FirstRoundTrip(20, At);

        Assert.Same(estimate, estimate.WithTransfer(0, TimeSpan.FromSeconds(1), At));
        Assert.Same(estimate, estimate.WithTransfer(100, TimeSpan.Zero, At));
    }
}

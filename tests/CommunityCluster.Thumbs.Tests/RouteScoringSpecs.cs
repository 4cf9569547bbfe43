using CommunityCluster.Thumbs.Routing;

namespace CommunityCluster.Thumbs.Tests;

/// <summary>The router's cost model on the study's links: ADSL homes upload at 0.26 to 0.71 Mbit/s, fibre at 2 to
/// 76.</summary>
public sealed class RouteScoringSpecs
{
    private const long TwelveMegapixelJpeg = 4_000_000;

    private static LinkFigures Mbit(double mbit, double rttMs) => new(rttMs, mbit * 1e6 / 8);

    private static WorkerCandidate Worker(
        string address, bool holds = false, int queue = 0, double? msPerJob = 800, double? msPerMb = null,
        LinkFigures? from = null, LinkFigures? uplink = null, bool reachable = true) =>
        new(address, reachable, holds, queue, msPerJob, msPerMb, from is null ? [] : [from], uplink ?? Mbit(10, 20));

    [Fact]
    public void Holder_of_a_replica_should_pay_no_transfer()
    {
        var score = RouteScoring.Score(Worker("holder", holds: true, from: Mbit(0.26, 69)), TwelveMegapixelJpeg);

        Assert.Equal(0, score.TransferMs);
    }

    [Fact]
    public void Transfer_should_be_size_over_the_best_replicas_throughput_plus_a_round_trip()
    {
        var worker = new WorkerCandidate("w", true, false, 0, 800, null, [Mbit(0.27, 58), Mbit(17, 22)], Mbit(10, 20));

        var score = RouteScoring.Score(worker, TwelveMegapixelJpeg);

        Assert.Equal(22 + TwelveMegapixelJpeg / (17e6 / 8) * 1000, score.TransferMs, 3);
    }

    [Fact]
    public void Queue_should_cost_its_length_times_the_measured_time_per_job()
    {
        var score = RouteScoring.Score(Worker("busy", holds: true, queue: 3, msPerJob: 900), TwelveMegapixelJpeg);

        Assert.Equal(2700, score.QueueMs, 3);
    }

    [Fact]
    public void Render_should_scale_with_the_photos_size_once_measured()
    {
        var small = RouteScoring.Score(Worker("w", holds: true, msPerJob: 800, msPerMb: 100), 1_000_000);
        var large = RouteScoring.Score(Worker("w", holds: true, msPerJob: 800, msPerMb: 100), 20_000_000);

        Assert.Equal(200, small.RenderMs, 3); // the floor: a quarter of a whole job
        Assert.Equal(2000, large.RenderMs, 3);
    }

    [Fact]
    public void Trip_back_should_be_the_renditions_over_the_workers_uplink()
    {
        var fibre = RouteScoring.Score(Worker("fibre", holds: true, uplink: Mbit(17, 22)), TwelveMegapixelJpeg,
            resultBytes: 200_000);
        var adsl = RouteScoring.Score(Worker("adsl", holds: true, uplink: Mbit(0.26, 69)), TwelveMegapixelJpeg,
            resultBytes: 200_000);

        Assert.Equal(22 + 200_000 / (17e6 / 8) * 1000, fibre.BackMs, 3);
        Assert.Equal(69 + 200_000 / (0.26e6 / 8) * 1000, adsl.BackMs, 3);
    }

    [Fact]
    public void Trip_back_should_be_the_workers_measured_store_time_once_it_has_one()
    {
        var measured = Worker("fibre", holds: true, uplink: Mbit(17, 22)) with { MsPerStore = 6500 };

        var score = RouteScoring.Score(measured, TwelveMegapixelJpeg, resultBytes: 200_000);

        Assert.Equal(6500, score.BackMs, 3);
    }

    [Fact]
    public void A_worker_whose_stores_are_slow_should_lose_to_one_whose_stores_are_quick()
    {
        // Seen on the testbed: a fibre home whose renditions' entities sat behind ADSL uplinks.
        var slowStores = Worker("a-slow-stores", holds: true, msPerJob: 100, uplink: Mbit(17, 22)) with { MsPerStore = 9000 };
        var quickStores = Worker("b-quick-stores", holds: true, msPerJob: 900, uplink: Mbit(3.6, 58)) with { MsPerStore = 1200 };

        var ranked = RouteScoring.Rank([slowStores, quickStores], TwelveMegapixelJpeg);

        Assert.Equal("b-quick-stores", ranked[0].Address);
    }

    [Fact]
    public void An_idle_holder_on_fibre_should_beat_an_idle_holder_behind_adsl()
    {
        var adsl = Worker("adsl", holds: true, uplink: Mbit(0.66, 63));
        var fibre = Worker("fibre", holds: true, uplink: Mbit(3.6, 58));

        var ranked = RouteScoring.Rank([adsl, fibre], TwelveMegapixelJpeg);

        Assert.Equal("fibre", ranked[0].Address);
    }

    [Fact]
    public void Unmeasured_links_and_workers_should_be_assumed_slow_rather_than_fast()
    {
        var unknown = RouteScoring.Score(new WorkerCandidate("new", true, false, 0, null, null, [new LinkFigures(null,
            null)], null),
            TwelveMegapixelJpeg);

        Assert.Equal(RouteScoring.AssumedRoundTripMs + TwelveMegapixelJpeg / RouteScoring.AssumedBytesPerSecond * 1000,
            unknown.TransferMs, 3);
        Assert.Equal(RouteScoring.AssumedMsPerJob, unknown.RenderMs, 3);
    }

    [Fact]
    public void A_fast_idle_node_on_fibre_should_beat_a_replica_holder_with_a_long_queue()
    {
        var holder = Worker("adsl-holder", holds: true, queue: 6, msPerJob: 2000, uplink: Mbit(0.66, 69));
        var fibre = Worker("fibre-idle", from: Mbit(17, 22), msPerJob: 700, uplink: Mbit(76, 22));

        var ranked = RouteScoring.Rank([holder, fibre], TwelveMegapixelJpeg);

        Assert.Equal("fibre-idle", ranked[0].Address);
    }

    [Fact]
    public void An_idle_replica_holder_should_beat_a_worker_behind_an_adsl_uplink()
    {
        var holder = Worker("holder", holds: true, msPerJob: 1200);
        var remote = Worker("remote", from: Mbit(0.26, 69), msPerJob: 400);

        var ranked = RouteScoring.Rank([remote, holder], TwelveMegapixelJpeg);

        Assert.Equal("holder", ranked[0].Address);
        Assert.True(ranked[1].TransferMs > 100_000, "4 MB over 0.26 Mbit/s takes two minutes");
    }

    [Fact]
    public void Unreachable_workers_should_come_last_and_ties_go_to_the_lower_address()
    {
        var ranked = RouteScoring.Rank(
            [Worker("c", holds: true, reachable: false), Worker("b", holds: true), Worker("a",
                holds: true)], TwelveMegapixelJpeg);

        Assert.Equal(["a", "b", "c"], ranked.Select(r => r.Address));
        Assert.True(double.IsPositiveInfinity(ranked[2].ExpectedMs));
        Assert.Equal("unreachable", ranked[2].Reason);
    }

    [Theory]
    [InlineData("latency-aware", RoutingMode.LatencyAware, true)]
    [InlineData("round-robin", RoutingMode.RoundRobin, true)]
    [InlineData(" Random ", RoutingMode.Random, true)]
    [InlineData("fastest", RoutingMode.LatencyAware, false)]
    public void Routing_modes_should_parse_their_names(string text, RoutingMode expected, bool valid)
    {
        var parsed = RoutingModes.TryParse(text, out var mode);

        Assert.Equal((valid, expected), (parsed, mode));
    }
}

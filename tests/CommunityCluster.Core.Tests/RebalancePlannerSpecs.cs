using CommunityCluster.Core.Availability;
using CommunityCluster.Core.Storage;

namespace CommunityCluster.Core.Tests;

public class RebalancePlannerSpecs
{
    private const long Gigabyte = 1_000_000_000;
    private const long PhotoBytes = 3_000_000;
    private const string PhotoId = "4f5d2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a";

    private static readonly WeekProfile Sleeper = Week(slot => slot % 24 is >= 7 and < 23);
    private static readonly WeekProfile Worker = Week(slot => slot >= 120 || slot % 24 is < 9 or >= 17);

    private static WeekProfile Week(Func<int, bool> isOn) =>
        WeekProfile.FromChances([.. Enumerable.Range(0, 168).Select(s => isOn(s) ? 0.98 : 0.0)]);

    private static PlacementCandidate Node(string id, WeekProfile? week, long used = 0) =>
        new(id, "home-" + id, 10 * Gigabyte - used, week, used);

    private static HashSet<string> Live(params PlacementCandidate[] nodes) =>
        nodes.Select(n => n.NodeId).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Rebalance_should_fill_the_home_that_covers_the_nights_of_two_sleepers()
    {
        var (s1, s2, s3, w1) = (Node("s1", Sleeper), Node("s2", Sleeper), Node("s3", Sleeper), Node("w1", Worker));

        var decision = RebalancePlanner.Decide([s1, s2], 0, Live(s1, s2, s3, w1), [s1, s2, s3, w1], 2, PhotoBytes,
            PhotoId);

        Assert.Equal(RebalanceAction.Fill, decision.Action);
        Assert.Equal("w1", decision.NodeId);
        Assert.Contains(decision.Replaces, new[] { "s1", "s2" });
        Assert.True(decision.HoursNow > 50, $"two sleepers: {decision.HoursNow} h all off");
        Assert.True(decision.HoursAfter < 2, $"a sleeper and a worker: {decision.HoursAfter} h all off");
    }

    [Fact]
    public void Rebalance_should_leave_a_photo_whose_gain_is_below_the_threshold()
    {
        var (s1, w1, w2) = (Node("s1", Sleeper), Node("w1", Worker), Node("w2", Worker));
        var almost = Node("a1", WeekProfile.FromChances([.. Enumerable.Repeat(0.99, 168)]));

        // A sleeper with a worker leaves about 2 h (the 2 % chance of an outage in the other's off
        // hours); an almost-always-on home instead would save an hour and a half: not worth the bytes.
        var decision = RebalancePlanner.Decide([s1, w1], 0, Live(s1, w1, w2, almost), [s1, w1, w2, almost], 2,
            PhotoBytes, PhotoId);

        Assert.Equal(RebalanceAction.None, decision.Action);
    }

    [Fact]
    public void Rebalance_should_wait_while_a_fill_runs_and_leave_missing_copies_to_repair()
    {
        var (s1, s2, w1) = (Node("s1", Sleeper), Node("s2", Sleeper), Node("w1", Worker));
        var live = Live(s1, s2, w1);

        var filling = RebalancePlanner.Decide([s1, s2], 1, live, [s1, s2, w1], 2, PhotoBytes, PhotoId);
        var missing = RebalancePlanner.Decide([s1], 0, live, [s1, s2, w1], 2, PhotoBytes, PhotoId);

        Assert.Equal(RebalanceAction.None, filling.Action);
        Assert.Equal(RebalanceAction.None, missing.Action);
    }

    [Fact]
    public void Rebalance_should_drop_the_copy_whose_loss_costs_least_once_the_new_one_is_complete()
    {
        var (s1, s2, w1) = (Node("s1", Sleeper), Node("s2", Sleeper), Node("w1", Worker));

        var decision = RebalancePlanner.Decide([s1, s2, w1], 0, Live(s1, s2, w1), [s1, s2, w1], 2, PhotoBytes,
            PhotoId);

        Assert.Equal(RebalanceAction.Drop, decision.Action);
        Assert.Contains(decision.NodeId, new[] { "s1", "s2" });
        Assert.True(decision.HoursAfter < 2);
    }

    [Fact]
    public void Rebalance_should_never_drop_while_a_copy_that_stays_is_not_live()
    {
        var (s1, s2, w1) = (Node("s1", Sleeper), Node("s2", Sleeper), Node("w1", Worker));

        // s2 sleeps: dropping s1 would leave w1 and a sleeping s2; dropping s2 would leave s1 and w1,
        // both live, so only that drop is allowed.
        var oneAsleep = RebalancePlanner.Decide([s1, s2, w1], 0, Live(s1, w1), [s1, w1], 2, PhotoBytes, PhotoId);
        var twoAsleep = RebalancePlanner.Decide([s1, s2, w1], 0, Live(w1), [w1], 2, PhotoBytes, PhotoId);

        Assert.Equal(new RebalanceDecision(RebalanceAction.Drop, "s2", null, oneAsleep.HoursNow, oneAsleep.HoursAfter),
            oneAsleep);
        Assert.Equal(RebalanceAction.None, twoAsleep.Action);
    }

    [Fact]
    public void Rebalance_should_wait_rather_than_drop_the_home_asleep_now_that_covers_the_others()
    {
        var (s1, s2, s3, w1) = (Node("s1", Sleeper), Node("s2", Sleeper), Node("s3", Sleeper), Node("w1", Worker));

        // A workday: w1 is away as usual. Dropping it is the only drop whose copies that stay are all
        // live, and it would leave three sleepers off together every night.
        var decision = RebalancePlanner.Decide([s1, s2, s3, w1], 0, Live(s1, s2, s3), [s1, s2, s3], 3, PhotoBytes,
            PhotoId);

        Assert.Equal(RebalanceAction.None, decision.Action);
    }

    [Fact]
    public void Rebalance_should_never_move_a_copy_into_a_home_that_holds_another()
    {
        var s1 = Node("s1", Sleeper);
        var s2 = Node("s2", Sleeper);
        var sameHomeAsS1 = new PlacementCandidate("w1", s1.HomeId, 10 * Gigabyte, Worker);

        var decision = RebalancePlanner.Decide([s1, s2], 0, Live(s1, s2, sameHomeAsS1), [s1, s2, sameHomeAsS1], 2,
            PhotoBytes, PhotoId);

        // Replacing s1 by its own home's worker is allowed (s1 goes); replacing s2 by it is not.
        Assert.True(decision.Action == RebalanceAction.None || decision.Replaces == "s1", $"{decision}");
    }

    [Fact]
    public void Rebalance_should_not_pile_every_move_on_an_always_on_home_above_its_share()
    {
        var sleepers = Enumerable.Range(0, 4).Select(i => Node($"s{i}", Sleeper)).ToList();
        var full = Node("nas", WeekProfile.AlwaysOn, used: 5 * Gigabyte);
        var worker = Node("w1", Worker);
        List<PlacementCandidate> all = [.. sleepers, full, worker];

        var targets = Enumerable.Range(0, 50)
            .Select(i => RebalancePlanner.Decide([sleepers[i % 4], sleepers[(i + 1) % 4]], 0, Live([.. all]), all, 2,
                PhotoBytes, ContentId.Of(BitConverter.GetBytes(i)).Hex))
            .Select(d => d.NodeId)
            .ToList();

        Assert.All(targets, t => Assert.NotNull(t));
        Assert.True(targets.Count(t => t == "w1") > targets.Count(t => t == "nas"),
            $"the NAS holds half its disk: {targets.Count(t => t == "nas")} of 50 moves went to it");
    }
}

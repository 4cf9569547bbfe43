using CommunityCluster.Core.Availability;
using CommunityCluster.Core.Storage;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CommunityCluster.Core.Tests;

public class CoveragePlacementSpecs
{
    private const long Gigabyte = 1_000_000_000;

    private static readonly WeekProfile Sleeper = Week(slot => slot % 24 is >= 7 and < 23);
    private static readonly WeekProfile Worker = Week(slot => slot >= 120 || slot % 24 is < 9 or >= 17);
    private static readonly WeekProfile AlwaysOn = WeekProfile.AlwaysOn;

    private static WeekProfile Week(Func<int, bool> isOn) =>
        WeekProfile.FromChances([.. Enumerable.Range(0, 168).Select(s => isOn(s) ? 0.98 : 0.0)]);

    private static PlacementCandidate Node(string id, WeekProfile? week, long used = 0) =>
        new(id, "home-" + id, 10 * Gigabyte - used, week, used);

    private static string PhotoId(int i) => ContentId.Of(BitConverter.GetBytes(i)).Hex;

    [Fact]
    public void Coverage_should_never_put_homes_asleep_at_the_same_hours_together_when_a_better_set_exists()
    {
        PlacementCandidate[] nodes =
            [Node("s1", Sleeper), Node("s2", Sleeper), Node("s3", Sleeper), Node("w1", Worker), Node("w2", Worker)];

        for (var i = 0; i < 500; i++)
        {
            var pair = CoveragePlacement.Choose(nodes, 2, 1_000, PhotoId(i));
            var three = CoveragePlacement.Choose(nodes, 3, 1_000, PhotoId(i));

            Assert.Single(pair, c => c.Week == Sleeper);
            Assert.InRange(three.Count(c => c.Week == Sleeper), 1, 2);
            // Off hours that do not overlap: what is left is the 2 % chance of an outage.
            Assert.True(CoveragePlacement.ExpectedAllOffHours(three.Select(c => c.Week)) < 3);
        }
    }

    [Fact]
    public void Coverage_should_spread_ties_over_every_home()
    {
        var nodes = Enumerable.Range(0, 6).Select(i => Node($"n{i}", AlwaysOn)).ToList();

        var counts = Enumerable.Range(0, 1200)
            .SelectMany(i => CoveragePlacement.Choose(nodes, 2, 1_000, PhotoId(i)))
            .GroupBy(c => c.NodeId).ToDictionary(g => g.Key, g => g.Count());

        // 2400 replicas over 6 equal homes: 400 each, give or take the draw.
        Assert.Equal(6, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 300, 500));
    }

    [Fact]
    public void Coverage_should_prefer_a_home_that_covers_almost_as_well_to_an_always_on_home_above_its_share()
    {
        PlacementCandidate[] nodes =
        [
            Node("sleeper", Sleeper, used: Gigabyte), Node("nas", AlwaysOn, used: 6 * Gigabyte),
            Node("worker", Worker, used: Gigabyte), Node("other", Sleeper, used: Gigabyte),
        ];
        var kept = new[] { nodes[0] };

        var seconds = Enumerable.Range(0, 400)
            .Select(i => CoveragePlacement.Choose(nodes, 1, 1_000, PhotoId(i), exclude: ["sleeper"], kept)[0].NodeId)
            .ToList();

        Assert.True(seconds.Count(n => n == "worker") > 350, string.Join(",", seconds.GroupBy(n => n).Select(g => $"{g.Key}:{g.Count()}")));
        Assert.DoesNotContain("other", seconds);
    }

    [Fact]
    public void Coverage_should_complete_the_hours_of_the_replicas_that_stay()
    {
        PlacementCandidate[] nodes = [Node("s1", Sleeper), Node("s2", Sleeper), Node("w1", Worker)];

        var chosen = CoveragePlacement.Choose(nodes, 1, 1_000, PhotoId(3), exclude: ["s1"], kept: [nodes[0]]);

        Assert.Equal("w1", Assert.Single(chosen).NodeId);
    }

    [Fact]
    public void Coverage_should_take_a_home_of_unknown_hours_as_neutral()
    {
        PlacementCandidate[] nodes = [Node("s1", Sleeper), Node("s2", Sleeper), Node("new", null)];

        var second = CoveragePlacement.Choose(nodes, 1, 1_000, PhotoId(4), exclude: ["s1"], kept: [nodes[0]]);

        Assert.Equal("new", Assert.Single(second).NodeId);
        Assert.Equal(84, CoveragePlacement.ExpectedAllOffHours([null]), 0);
    }

    [Property(MaxTest = 300)]
    public Property Coverage_should_keep_the_hard_rules_and_answer_the_same_in_any_order(
        NonEmptyArray<PositiveInt> frees, PositiveInt homes, PositiveInt replicas, int seed)
    {
        var homeCount = homes.Get % 6 + 1;
        var wanted = replicas.Get % 5 + 1;
        var random = new Random(seed);
        var candidates = frees.Get.Select((free, i) => new PlacementCandidate($"n{i}", $"h{i % homeCount}", free.Get,
            WeekProfile.FromChances([.. Enumerable.Range(0, 168).Select(_ => random.NextDouble())]))).ToList();
        const long size = 1_000;

        var chosen = CoveragePlacement.Choose(candidates, wanted, size, PhotoId(seed));
        var reversed = CoveragePlacement.Choose(Enumerable.Reverse(candidates), wanted, size, PhotoId(seed));

        var eligible = candidates.Where(c => c.FreeSharedBytes >= size).ToList();
        var expectedHomes = Math.Min(wanted, eligible.Select(c => c.HomeId).Distinct().Count());
        return (chosen.Count == Math.Min(wanted, eligible.Count)
                && chosen.Select(c => c.NodeId).Distinct().Count() == chosen.Count
                && chosen.All(c => c.FreeSharedBytes >= size)
                && chosen.Select(c => c.HomeId).Distinct().Count() == expectedHomes
                && chosen.SequenceEqual(reversed))
            .Label($"chose {string.Join(",", chosen.Select(c => $"{c.NodeId}@{c.HomeId}"))}");
    }

    [Property(MaxTest = 200)]
    public Property Coverage_should_leave_no_more_all_off_hours_than_random_placement_on_average(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var candidates = Enumerable.Range(0, 8).Select(i => new PlacementCandidate($"n{i}", $"h{i}", 10 * Gigabyte,
            Week(slot => (slot + i * 5) % 24 >= random.Next(4, 12)))).ToList();

        double Mean(PlacementMode mode) => Enumerable.Range(0, 40)
            .Average(p => CoveragePlacement.ExpectedAllOffHours(
                mode.Choose(candidates, 2, 1_000, PhotoId(seed.Get * 100 + p)).Select(c => c.Week)));

        return (Mean(PlacementMode.Coverage) <= Mean(PlacementMode.Random)).ToProperty();
    }
}

using CommunityCluster.Core.Storage;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CommunityCluster.Core.Tests;

public class PlacementSpecs
{
    private const long Gigabyte = 1_000_000_000;

    private static PlacementCandidate Node(string id, string home, long free = 10 * Gigabyte) => new(id, home, free);

    private static string PhotoId(int i) => ContentId.Of(BitConverter.GetBytes(i)).Hex;

    [Fact]
    public void Placement_should_spread_replicas_over_distinct_homes()
    {
        PlacementCandidate[] nodes = [Node("a1", "dupont"), Node("a2", "dupont"), Node("b", "martin"), Node("c", "bernard")];

        for (var i = 0; i < 200; i++)
        {
            var chosen = Placement.Choose(nodes, 3, 5_000_000, PhotoId(i));

            Assert.Equal(3, chosen.Select(c => c.HomeId).Distinct().Count());
        }
    }

    [Fact]
    public void Placement_should_double_up_in_a_home_only_when_homes_run_out()
    {
        PlacementCandidate[] nodes = [Node("a1", "dupont"), Node("a2", "dupont"), Node("b1", "martin"), Node("b2", "martin")];

        var chosen = Placement.Choose(nodes, 3, 5_000_000, PhotoId(1));

        Assert.Equal(3, chosen.Count);
        Assert.Equal(["dupont", "martin"], chosen.Select(c => c.HomeId).Distinct().Order());
    }

    [Fact]
    public void Placement_should_never_choose_a_node_without_room()
    {
        PlacementCandidate[] nodes = [Node("full", "a", free: 1_000), Node("b", "b"), Node("c", "c"), Node("d", "d")];

        for (var i = 0; i < 100; i++)
            Assert.DoesNotContain(Placement.Choose(nodes, 3, 5_000_000, PhotoId(i)), c => c.NodeId == "full");

        Assert.Empty(Placement.Choose([Node("x", "a", free: 10)], 3, 5_000_000, PhotoId(0)));
    }

    [Fact]
    public void Placement_should_use_every_node_of_a_community_smaller_than_the_factor()
    {
        PlacementCandidate[] nodes = [Node("a", "a"), Node("b", "b")];

        var chosen = Placement.Choose(nodes, Placement.EffectiveReplicas(3, nodes.Length), 1_000, PhotoId(2));

        Assert.Equal(["a", "b"], chosen.Select(c => c.NodeId).Order());
        Assert.Equal(2, Placement.EffectiveReplicas(3, 2));
        Assert.Equal(3, Placement.EffectiveReplicas(3, 9));
        Assert.Equal(1, Placement.EffectiveReplicas(3, 0));
    }

    [Fact]
    public void Placement_should_favour_free_capacity_without_giving_it_everything()
    {
        PlacementCandidate[] nodes = [Node("big", "a", 40 * Gigabyte), Node("small-1", "b"), Node("small-2", "c"), Node("small-3", "d")];

        var firstPicks = Enumerable.Range(0, 2000).Select(i => Placement.Choose(nodes, 1, 1_000, PhotoId(i))[0].NodeId).ToList();

        // Weights 40:10:10:10, so the big disk should take about 4/7 of single placements.
        var bigShare = firstPicks.Count(n => n == "big") / 2000.0;
        Assert.InRange(bigShare, 0.50, 0.64);
        Assert.All(["small-1", "small-2", "small-3"], n => Assert.InRange(firstPicks.Count(p => p == n) / 2000.0, 0.10, 0.19));
    }

    [Fact]
    public void Placement_should_give_the_same_answer_for_the_same_photo_and_skip_excluded_nodes()
    {
        PlacementCandidate[] nodes = [Node("a", "a"), Node("b", "b"), Node("c", "c"), Node("d", "d")];

        var once = Placement.Choose(nodes, 2, 1_000, PhotoId(9));
        var again = Placement.Choose(nodes.Reverse(), 2, 1_000, PhotoId(9));
        var without = Placement.Choose(nodes, 3, 1_000, PhotoId(9), exclude: [once[0].NodeId]);

        Assert.Equal(once, again);
        Assert.DoesNotContain(without, c => c.NodeId == once[0].NodeId);
    }

    [Property(MaxTest = 300)]
    public Property Placement_should_choose_distinct_nodes_with_room_and_the_most_homes_possible(
        NonEmptyArray<PositiveInt> frees, PositiveInt homes, PositiveInt replicas, int seed)
    {
        var homeCount = homes.Get % 6 + 1;
        var wanted = replicas.Get % 5 + 1;
        var candidates = frees.Get.Select((free, i) => Node($"n{i}", $"h{i % homeCount}", free.Get)).ToList();
        const long size = 1_000;

        var chosen = Placement.Choose(candidates, wanted, size, PhotoId(seed));

        var eligible = candidates.Where(c => c.FreeSharedBytes >= size).ToList();
        var expectedHomes = Math.Min(wanted, eligible.Select(c => c.HomeId).Distinct().Count());
        return (chosen.Count == Math.Min(wanted, eligible.Count)
                && chosen.Select(c => c.NodeId).Distinct().Count() == chosen.Count
                && chosen.All(c => c.FreeSharedBytes >= size)
                && chosen.Select(c => c.HomeId).Distinct().Count() == expectedHomes)
            .Label($"chose {string.Join(",", chosen.Select(c => $"{c.NodeId}@{c.HomeId}"))}");
    }
}

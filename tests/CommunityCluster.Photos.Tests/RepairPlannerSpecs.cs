using Akka.Actor;
using CommunityCluster.Core.Availability;
using CommunityCluster.Core.Storage;
using CommunityCluster.Discovery;
using CommunityCluster.Photos.Repair;

namespace CommunityCluster.Photos.Tests;

public class RepairPlannerSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(5);

    private static StorageNode Node(string id, bool live = true)
    {
        var address = new Address("akka.tcp", "community", id, 4054);
        var profile = new NodeProfile(address.ToString(), "home-" + id, ["photos"], 10_000_000_000, 10_000_000_000, 4, "t", Now, 1, Now, id);
        return new StorageNode(id, "home-" + id, address, 10_000_000_000, live, profile);
    }

    private static PhotoManifest Manifest(string[] replicas, params PendingReplica[] pending) =>
        new(new string('e', 64), 1000, "image/jpeg", "p.jpg", [new ChunkRef(new string('f', 64), 1000)], replicas, pending, Now, null);

    private static Dictionary<string, StorageNode> Nodes(params StorageNode[] nodes) => nodes.ToDictionary(n => n.NodeId);

    [Fact]
    public void Planner_should_choose_a_new_node_for_a_replica_whose_node_is_down()
    {
        var nodes = Nodes(Node("a"), Node("b"), Node("c", live: false), Node("d"));
        var live = StorageNodes.LiveIds(nodes);

        var plan = RepairPlanner.Plan(Manifest(["a", "b", "c"]), nodes, live, target: 3, Now, Stall);

        Assert.Equal(2, plan.LiveReplicas);
        Assert.Equal(["d"], plan.NewTargets);
        Assert.Empty(plan.DroppedReplicas); // c is unreachable, not gone: its home may come back with its disk
    }

    [Fact]
    public void Planner_should_leave_a_healthy_photo_alone_and_wait_for_a_fill_in_progress()
    {
        var nodes = Nodes(Node("a"), Node("b"), Node("c"), Node("d"));
        var live = StorageNodes.LiveIds(nodes);

        var healthy = RepairPlanner.Plan(Manifest(["a", "b", "c"]), nodes, live, 3, Now, Stall);
        var filling = RepairPlanner.Plan(Manifest(["a", "b"], new PendingReplica("d", Now.AddMinutes(-1))), nodes, live, 3, Now, Stall);

        Assert.False(healthy.Changed);
        Assert.False(filling.Changed);
    }

    [Fact]
    public void Planner_should_not_choose_a_node_that_just_declined_the_copy()
    {
        var nodes = Nodes(Node("a"), Node("b"), Node("c"), Node("d"));
        var live = StorageNodes.LiveIds(nodes);

        var plan = RepairPlanner.Plan(Manifest(["a", "b"]), nodes, live, 3, Now, Stall, avoid: new HashSet<string> { "c" });
        var nowhere = RepairPlanner.Plan(Manifest(["a", "b"]), nodes, live, 3, Now, Stall, avoid: new HashSet<string> { "c", "d" });

        Assert.Equal(["d"], plan.NewTargets);
        Assert.Empty(nowhere.NewTargets); // under-replicated rather than back to a home with no room
    }

    [Fact]
    public void Planner_should_replace_a_stalled_fill()
    {
        var nodes = Nodes(Node("a"), Node("b"), Node("c"), Node("d"));
        var live = StorageNodes.LiveIds(nodes);

        var plan = RepairPlanner.Plan(Manifest(["a", "b"], new PendingReplica("d", Now.AddMinutes(-10))), nodes, live, 3, Now, Stall);
        var applied = RepairPlanner.Apply(Manifest(["a", "b"], new PendingReplica("d", Now.AddMinutes(-10))), plan);

        Assert.Equal(["d"], plan.DroppedPending);
        Assert.Equal(["c"], plan.NewTargets);
        Assert.Equal(["c"], applied.Pending.Select(p => p.NodeId));
    }

    [Fact]
    public void Planner_should_forget_a_departed_node_once_the_photo_is_whole_again()
    {
        var nodes = Nodes(Node("a"), Node("b"), Node("d"));
        var live = StorageNodes.LiveIds(nodes);

        var plan = RepairPlanner.Plan(Manifest(["a", "b", "gone", "d"]), nodes, live, 3, Now, Stall);

        Assert.Equal(["gone"], plan.DroppedReplicas);
        Assert.Empty(plan.NewTargets);
    }

    [Fact]
    public void Planner_should_raise_a_photo_to_the_factor_when_nodes_join()
    {
        var nodes = Nodes(Node("a"), Node("b"), Node("c"));
        var live = StorageNodes.LiveIds(nodes);

        var plan = RepairPlanner.Plan(Manifest(["a", "b"]), nodes, live, Placement.EffectiveReplicas(3, live.Count), Now, Stall);

        Assert.Equal(["c"], plan.NewTargets);
    }

    private static ReplicaAbsences Away(string nodeId, WeekProfile week, DateTimeOffset lastSeen, DateTimeOffset? until = null) =>
        new(new Dictionary<string, HomeWeek> { [nodeId] = new(nodeId, "home-" + nodeId, week, "", lastSeen, until) },
            Now, TimeSpan.FromHours(2));

    private static readonly WeekProfile OffAtNoon = WeekProfile.FromChances(
        [.. Enumerable.Range(0, 168).Select(s => s % 24 is >= 10 and < 16 ? 0.0 : 1.0)]);

    [Fact]
    public void Planner_should_not_repair_a_photo_whose_home_is_away_as_usual_or_as_announced()
    {
        // c left (it is no member now): usually off at this hour, or announced away for a week.
        var nodes = Nodes(Node("a"), Node("b"), Node("d"));
        var live = StorageNodes.LiveIds(nodes);

        var usual = RepairPlanner.Plan(Manifest(["a", "b", "c"]), nodes, live, 3, Now, Stall, PlacementMode.Coverage,
            Away("c", OffAtNoon, Now.AddHours(-2)));
        var announced = RepairPlanner.Plan(Manifest(["a", "b", "c"]), nodes, live, 3, Now, Stall, PlacementMode.Coverage,
            Away("c", WeekProfile.AlwaysOn, Now.AddDays(-2), until: Now.AddDays(5)));

        Assert.False(usual.Changed);
        Assert.Equal(1, usual.RestingReplicas);
        Assert.False(announced.Changed);
    }

    [Fact]
    public void Planner_should_repair_a_photo_whose_home_is_away_beyond_its_pattern_for_longer_than_the_grace()
    {
        var nodes = Nodes(Node("a"), Node("b"), Node("d"));
        var live = StorageNodes.LiveIds(nodes);

        var plan = RepairPlanner.Plan(Manifest(["a", "b", "c"]), nodes, live, 3, Now, Stall, PlacementMode.Coverage,
            Away("c", WeekProfile.AlwaysOn, Now.AddHours(-3)));

        Assert.Equal(0, plan.RestingReplicas);
        Assert.Equal(["d"], plan.NewTargets);
    }

    [Fact]
    public void Planner_should_keep_listing_a_lost_home_it_knows_and_forget_it_after_the_longest_rest()
    {
        // c was judged lost (always on, gone three hours) and repair gave its copy to d: c's copy
        // stays listed, uncounted, so the rebalancer can keep whichever covers the week best when c returns.
        var nodes = Nodes(Node("a"), Node("b"), Node("d"));
        var live = StorageNodes.LiveIds(nodes);

        var lost = RepairPlanner.Plan(Manifest(["a", "b", "c", "d"]), nodes, live, 3, Now, Stall, PlacementMode.Coverage,
            Away("c", WeekProfile.AlwaysOn, Now.AddHours(-3)));
        var gone = RepairPlanner.Plan(Manifest(["a", "b", "c", "d"]), nodes, live, 3, Now, Stall, PlacementMode.Coverage,
            Away("c", WeekProfile.AlwaysOn, Now - AbsenceJudge.LongestRest - TimeSpan.FromHours(1)));

        Assert.False(lost.Changed);
        Assert.Equal(3, lost.LiveReplicas);
        Assert.Equal(["c"], gone.DroppedReplicas);
    }
}

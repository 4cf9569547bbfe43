using System.Diagnostics;
using System.Text.Json;
using CommunityCluster.Hosting;
using CommunityCluster.Testing;
using Xunit.Abstractions;

namespace CommunityCluster.Node.Tests;

/// <summary>
/// A lighthouse and four nodes as real processes on loopback: the community forms, measures its
/// links, survives a home switched off without leaving, and lets a home leave gracefully.
/// </summary>
public sealed class CommunitySpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan FormWithin = TimeSpan.FromSeconds(20);
    private readonly TestFolder _folder = new(nameof(CommunitySpecs));

    public void Dispose() => _folder.Dispose();


    [Fact]
    public async Task Community_should_form_within_20s_and_measure_every_link_within_10s()
    {
        var clock = Stopwatch.StartNew();

        await using var community = await LocalCommunity.StartAsync(_folder, nodeCount: 4, FormWithin);
        var everyone = community.Nodes.Select(n => n.Address).Append(community.Lighthouse.Address).ToList();
        foreach (var node in community.Nodes)
            await Eventually.Until(() => node.SeesAllUpAsync(everyone), FormWithin - clock.Elapsed, $"{node.Name} to see all five Up");
        var formed = clock.Elapsed;
        output.WriteLine($"all five Up after {formed.TotalSeconds:0.0} s");

        foreach (var node in community.Nodes)
        {
            var others = everyone.Where(a => a != node.Address).ToList();
            var row = await Eventually.Until(
                async () => (await node.GetJsonAsync("/api/cluster/links")).GetProperty("rows")[0],
                r => others.All(a => RoundTripTo(r, a) > 0),
                TimeSpan.FromSeconds(10), $"{node.Name} to measure a round trip to every other member", r => r.ToString());
            output.WriteLine($"{node.Name}: {string.Join(", ", others.Select(a => $"{RoundTripTo(row, a):0.00} ms"))}");
        }

        Assert.True(formed <= FormWithin, $"formed after {formed}");
    }

    private static double RoundTripTo(JsonElement row, string address) =>
        row.GetProperty("links").EnumerateArray()
            .Where(l => l.GetProperty("to").GetString() == address)
            .Select(l => l.GetProperty("roundTripMs").GetDouble())
            .FirstOrDefault();

    [Fact]
    public async Task Community_should_down_a_killed_node_keep_allocating_shards_and_take_it_back()
    {
        await using var community = await LocalCommunity.StartAsync(_folder, nodeCount: 4, FormWithin);
        var (observer, asker, victim) = (community.Nodes[0], community.Nodes[1], community.Nodes[3]);
        var everyone = community.Nodes.Select(n => n.Address).Append(community.Lighthouse.Address).ToList();
        await Eventually.Until(() => observer.SeesAllUpAsync(everyone), FormWithin, "node-1 to see all five Up");

        victim.Kill();
        var killedAt = Stopwatch.StartNew();
        await Eventually.Until(async () => (await observer.MembersAsync()).Any(m => m.Address == victim.Address && !m.Reachable),
            ClusterTimings.DowningBound, "node-1 to see the killed node unreachable");

        // While the killed home is unreachable and not yet downed, new sharded entities still start.
        for (var i = 0; i < 12; i++)
        {
            var probe = await asker.GetJsonAsync($"/api/cluster/sharding-probe/after-kill-{i}");
            Assert.NotEqual(victim.Address, probe.GetProperty("hostedBy").GetString());
        }

        var stillListed = (await observer.MembersAsync()).Any(m => m.Address == victim.Address);
        Assert.True(stillListed, "the probes must run before the killed node is downed, or they prove nothing");

        await Eventually.Until(async () => (await observer.MembersAsync()).All(m => m.Address != victim.Address),
            ClusterTimings.DowningBound + TimeSpan.FromSeconds(5), "the killed node to be downed and removed");
        var downedAfter = killedAt.Elapsed;
        output.WriteLine($"downed and removed {downedAfter.TotalSeconds:0.0} s after kill -9");
        Assert.True(downedAfter <= ClusterTimings.DowningBound, $"removed after {downedAfter}, bound {ClusterTimings.DowningBound}");

        var survivors = everyone.Where(a => a != victim.Address).ToList();
        foreach (var node in community.Nodes.Take(3))
            Assert.True(await node.SeesAllUpAsync(survivors), $"{node.Name} must still see every survivor Up:\n{community.LogTails()}");

        victim.Start();
        await victim.WaitUntilReadyAsync(FormWithin);
        await Eventually.Until(() => observer.SeesAllUpAsync(everyone), FormWithin, "the restarted node to rejoin on its address");
    }

    [Fact]
    public async Task Community_should_remove_a_gracefully_stopped_node_without_marking_it_unreachable()
    {
        await using var community = await LocalCommunity.StartAsync(_folder, nodeCount: 3, FormWithin);
        var leaver = community.Nodes[2];
        var everyone = community.Nodes.Select(n => n.Address).Append(community.Lighthouse.Address).ToList();
        await Eventually.Until(() => community.Nodes[0].SeesAllUpAsync(everyone), FormWithin, "node-1 to see all four Up");

        var exitCode = await leaver.StopGracefullyAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        foreach (var node in community.Nodes.Take(2))
            await Eventually.Until(async () => (await node.MembersAsync()).All(m => m.Address != leaver.Address),
                TimeSpan.FromSeconds(15), $"{node.Name} to drop the node that left");
        foreach (var process in community.Nodes.Take(2).Cast<ClusterProcess>().Append(community.Lighthouse))
        {
            await Eventually.Until(() => process.LogText().Contains($"Member {leaver.Address} was removed", StringComparison.Ordinal),
                TimeSpan.FromSeconds(15), $"{process.Name} to log the removal");
            Assert.DoesNotContain($"Member {leaver.Address} is unreachable", process.LogText(), StringComparison.Ordinal);
        }
    }
}

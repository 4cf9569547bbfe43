using System.Text.Json;
using CommunityCluster.Ccm.Tests.Support;
using CommunityCluster.Hosting;
using CommunityCluster.Testing;
using Xunit.Abstractions;

namespace CommunityCluster.Ccm.Tests;

/// <summary>
/// The commands that change the cluster, each on a node of the spec's own: leave and down really
/// remove the member (and end its process with the code the README promises), join brings a
/// node in, and tail prints a join and a removal as they happen.
/// </summary>
[Collection(CommunityCollection.Name)]
public sealed class SteeringSpecs(CommunityFixture community, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan RemovedWithin = TimeSpan.FromSeconds(30);

    public Task InitializeAsync() => community.WaitForBaseMembershipAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Cluster_leave_should_remove_the_member_and_end_its_process_with_0()
    {
        await using var extra = await community.StartExtraNodeAsync();

        var run = await CommunityFixture.CcmAsync(community.Node1, "cluster", "leave", extra.Address);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{extra.Address} is leaving", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, await extra.Node.WaitForExitAsync(RemovedWithin));
        await community.WaitUntilGoneAsync(extra.Address, RemovedWithin);
        Assert.DoesNotContain($"Member {extra.Address} is unreachable", community.Node1.LogText(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_down_should_remove_the_member_and_end_its_process_with_3()
    {
        await using var extra = await community.StartExtraNodeAsync();
        var shorthand = $"127.0.0.1:{extra.Node.Port}";

        var run = await CommunityFixture.CcmAsync(community.Node2, "cluster", "down", "-a", shorthand, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(extra.Address, json.GetProperty("member").GetString());
        Assert.Equal("downed", json.GetProperty("action").GetString());
        Assert.Equal(ExitCodes.Downed, await extra.Node.WaitForExitAsync(RemovedWithin));
        await community.WaitUntilGoneAsync(extra.Address, RemovedWithin);
    }

    [Fact]
    public async Task Node_leave_should_take_the_node_it_runs_on_out_gracefully()
    {
        await using var extra = await community.StartExtraNodeAsync();

        var run = await CcmRunner.RunAsync(extra.Endpoint, "node", "leave");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, await extra.Node.WaitForExitAsync(RemovedWithin));
        await community.WaitUntilGoneAsync(extra.Address, RemovedWithin);
    }

    [Fact]
    public async Task Cluster_join_should_bring_in_a_node_whose_seeds_are_silent()
    {
        var silentSeed = $"akka.tcp://community@127.0.0.1:{FreePorts.Next()}";
        await using var extra = await community.StartExtraNodeAsync([silentSeed], waitUntilReady: false);
        var before = await Eventually.Until(() => CcmRunner.RunAsync(extra.Endpoint, "cluster", "status", "--json"),
            r => r.ExitCode == 0, CommunityFixture.FormWithin, "the lonely node's ccm endpoint to answer",
            r => r.ToString());
        Assert.Equal("Removed", JsonDocument.Parse(before.Output).RootElement.GetProperty("status").GetString());

        var run = await CcmRunner.RunAsync(extra.Endpoint, "cluster", "join", community.Community.Lighthouse.Address,
            "--timeout", "30");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("is Up", run.Output, StringComparison.Ordinal);
        await Eventually.Until(async () => (await community.Node1.MembersAsync())
                .Any(m => m.Address == extra.Address && m.Status == "Up"),
            RemovedWithin, "node-1 to see the joined node Up");
    }

    [Fact]
    public async Task Cluster_down_unreachable_should_down_a_killed_node_before_the_resolver_does()
    {
        await using var extra = await community.StartExtraNodeAsync();
        extra.Node.Kill();
        await Eventually.Until(async () => (await community.Node1.MembersAsync())
                .Any(m => m.Address == extra.Address && !m.Reachable),
            ClusterTimings.DowningBound, "node-1 to see the killed node unreachable");

        var run = await CommunityFixture.CcmAsync(community.Node1, "cluster", "down-unreachable", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var downed = JsonDocument.Parse(run.Output).RootElement.GetProperty("downed").EnumerateArray()
            .Select(d => d.GetString());
        Assert.Equal([extra.Address], downed);
        await community.WaitUntilGoneAsync(extra.Address, RemovedWithin);
    }

    [Fact]
    public async Task Cluster_tail_should_print_a_join_and_a_removal_as_they_happen()
    {
        await using var tail = CcmRunner.Start(CommunityFixture.Endpoint(community.Node1), "cluster", "tail");
        await Eventually.Until(Subscribed(tail), TimeSpan.FromSeconds(10), "the tail to subscribe");
        Assert.False(tail.HasEnded, tail.Error);

        await using var extra = await community.StartExtraNodeAsync();
        await Eventually.Until(() => Has(tail.Output, "joined", extra.Address), RemovedWithin,
            "the tail to print the join");

        // The node may report itself ready before the leader moves it Up in every view (a gossip
        // round later); stopping it before that would skip the Up this test expects to see.
        await Eventually.Until(() => Has(tail.Output, "up", extra.Address), RemovedWithin,
            "the tail to print the node moving Up");
        await extra.Node.StopGracefullyAsync(RemovedWithin);
        await Eventually.Until(() => Has(tail.Output, "removed", extra.Address), RemovedWithin,
            "the tail to print the removal");
        var exitCode = await tail.StopAsync();

        output.WriteLine(tail.Output);
        Assert.Equal(0, exitCode);
        Assert.Equal("", tail.Error);
        var lines = tail.Output.Split('\n');
        var joined = Array.FindIndex(lines, l => Has(l, "joined", extra.Address));
        var up = Array.FindIndex(lines, l => Has(l, "up", extra.Address));
        var removed = Array.FindIndex(lines, l => Has(l, "removed", extra.Address));
        Assert.True(joined < up && up < removed, tail.Output);
    }

    [Fact]
    public async Task Cluster_tail_should_end_with_one_clear_line_when_its_member_stops()
    {
        await using var extra = await community.StartExtraNodeAsync();
        await using var tail = CcmRunner.Start(extra.Endpoint, "cluster", "tail");
        await Eventually.Until(Subscribed(tail), TimeSpan.FromSeconds(10), "the tail to subscribe");

        var nodeExit = await extra.Node.StopGracefullyAsync(RemovedWithin);
        await Eventually.Until(() => tail.HasEnded, TimeSpan.FromSeconds(5), "the tail to end with its member");

        Assert.Equal(0, nodeExit);
        Assert.Equal(CcmExitCodes.Unreachable, await tail.StopAsync());
        Assert.Matches("^ccm: .* (is stopping|has stopped); the stream ends\n$", tail.Error);
    }

    private static Func<bool> Subscribed(StreamingCcm tail) =>
        () => tail.Output.Contains("tailing the cluster", StringComparison.Ordinal) || tail.HasEnded;

    /// <summary>A tail line: time, then the event, then the member.</summary>
    private static bool Has(string text, string what, string address) =>
        text.Split('\n').Any(l => l.Contains($"  {what} ", StringComparison.Ordinal)
                               && l.Contains(address, StringComparison.Ordinal));
}

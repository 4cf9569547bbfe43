using CommunityCluster.Hosting;
using CommunityCluster.Testing;
using Xunit.Abstractions;

namespace CommunityCluster.Node.Tests;

/// <summary>
/// The lighthouse is the rendezvous of a community. Restarted after the homes had removed it, it
/// forms a cluster of its own; homes left in a cluster without it must gather around it again,
/// or the community stays split for good (found by the CI soak, seed 9).
/// </summary>
public sealed class LighthouseRestartSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan FormWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan GatherWithin = ClusterTimings.IslandGrace + TimeSpan.FromSeconds(90);
    private readonly TestFolder _folder = new(nameof(LighthouseRestartSpecs));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Homes_should_gather_again_around_a_lighthouse_restarted_after_they_removed_it()
    {
        await using var community = await LocalCommunity.StartAsync(_folder, nodeCount: 3, FormWithin);
        var lighthouse = community.Lighthouse;
        var everyone = community.Nodes.Select(n => n.Address).Append(lighthouse.Address).ToList();
        foreach (var node in community.Nodes)
            await Eventually.Until(() => node.SeesAllUpAsync(everyone), FormWithin, $"{node.Name} to see all four Up");

        lighthouse.Kill();
        foreach (var node in community.Nodes)
            await Eventually.Until(async () => (await node.MembersAsync()).All(m => m.Address != lighthouse.Address),
                ClusterTimings.DowningBound + TimeSpan.FromSeconds(10), $"{node.Name} to remove the killed lighthouse");
        lighthouse.Start();

        // The test is the supervisor here: a home that exits 3 is started again, as a restart policy would.
        var restarts = new Dictionary<string, int>();
        await Eventually.Until(async () =>
        {
            await RestartDownedHomesAsync(community.Nodes, restarts);
            foreach (var node in community.Nodes)
                if (!node.IsRunning || !await node.IsReadyAsync() || !await node.SeesAllUpAsync(everyone))
                    return false;
            return true;
        }, GatherWithin, "every home to list the restarted lighthouse and every other home Up");

        output.WriteLine($"restarted by the test after exit 3: {string.Join(", ", restarts.Select(r => $"{r.Key} x{r.Value}"))}");
        foreach (var node in community.Nodes)
            Assert.Contains(IslandGuard.LeavingMessage, node.LogText(), StringComparison.Ordinal);
    }

    private static async Task RestartDownedHomesAsync(IEnumerable<NodeProcess> nodes, Dictionary<string, int> restarts)
    {
        foreach (var node in nodes.Where(n => !n.IsRunning))
        {
            var code = await node.WaitForExitAsync(TimeSpan.FromSeconds(5));
            Assert.True(code == ExitCodes.Downed, $"{node.Name} exited {code}, not {ExitCodes.Downed}:\n{node.LogTail(30)}");
            restarts[node.Name] = restarts.GetValueOrDefault(node.Name) + 1;
            node.Start();
        }
    }
}

namespace CommunityCluster.Testing;

/// <summary>
/// A lighthouse and some nodes as real processes on loopback, each node in a home of its own
/// (home-1, home-2, ...). Disposing kills whatever still runs.
/// </summary>
public sealed class LocalCommunity : IAsyncDisposable
{
    private readonly List<NodeProcess> _initial;
    private readonly List<NodeProcess> _added = [];

    private LocalCommunity(TestFolder folder, LighthouseProcess lighthouse, List<NodeProcess> nodes)
    {
        Folder = folder;
        Lighthouse = lighthouse;
        _initial = nodes;
    }

    public TestFolder Folder { get; }

    public LighthouseProcess Lighthouse { get; }

    public IReadOnlyList<NodeProcess> Nodes => [.. _initial, .. _added];

    /// <param name="configure">Changes a node's settings before it starts (a token, a role set, ...).</param>
    public static async Task<LocalCommunity> StartAsync(
        TestFolder folder, int nodeCount, TimeSpan readyWithin, Action<NodeProcess>? configure = null)
    {
        var lighthouse = new LighthouseProcess(folder.Combine("lighthouse"));
        var nodes = Enumerable.Range(1, nodeCount)
            .Select(i => new NodeProcess($"node-{i}", folder.Combine($"node-{i}"), $"home-{i}", [lighthouse.Address]))
            .ToList();
        nodes.ForEach(node => configure?.Invoke(node));
        var community = new LocalCommunity(folder, lighthouse, nodes);

        try
        {
            lighthouse.Start();
            await Eventually.Until(() => lighthouse.IsUp, readyWithin, "the lighthouse to form the cluster");

            // node-1 first, so it is the oldest node and hosts the singletons; the rest together.
            nodes[0].Start();
            await nodes[0].WaitUntilReadyAsync(readyWithin);
            foreach (var node in nodes.Skip(1))
                node.Start();

            await Task.WhenAll(nodes.Skip(1).Select(n => n.WaitUntilReadyAsync(readyWithin)));
        }
        catch
        {
            folder.Keep = true;
            await community.DisposeAsync();
            throw;
        }

        return community;
    }

    /// <summary>Starts one more node in a home of its own, joined to this community.</summary>
    public async Task<NodeProcess> AddNodeAsync(TimeSpan readyWithin, Action<NodeProcess>? configure = null)
    {
        var index = Nodes.Count + 1;
        var node = new NodeProcess($"node-{index}", Folder.Combine($"node-{index}"), $"home-{index}", [Lighthouse.Address]);
        configure?.Invoke(node);
        _added.Add(node);
        node.Start();
        await node.WaitUntilReadyAsync(readyWithin);
        return node;
    }

    /// <summary>The last lines of every process's log, for a failure message.</summary>
    public string LogTails(int lines = 20) =>
        string.Join("\n", new ClusterProcess[] { Lighthouse }.Concat(Nodes)
            .Select(p => $"---- {p.Name} ({p.LogPath})\n{p.LogTail(lines)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
            await node.DisposeAsync();

        await Lighthouse.DisposeAsync();
    }
}

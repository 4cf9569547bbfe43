using System.Globalization;
using System.Text.Json;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests.Support;

/// <summary>
/// One community for every ccm spec: a lighthouse and three nodes on loopback, node-3 with a
/// token on its command endpoint. Specs that steer the cluster add nodes of their own and
/// remove them gracefully, so the three stay as they are for the next spec.
/// </summary>
public sealed class CommunityFixture : IAsyncLifetime
{
    public const string Token = "correct-horse-battery-staple";

    public static readonly TimeSpan FormWithin = TimeSpan.FromSeconds(60);

    private readonly TestFolder _folder = new("CcmSpecs");
    private int _extras;

    public LocalCommunity Community { get; private set; } = null!;

    public NodeProcess Node1 => Community.Nodes[0];

    public NodeProcess Node2 => Community.Nodes[1];

    /// <summary>The node whose endpoint asks for <see cref="Token"/>.</summary>
    public NodeProcess Guarded => Community.Nodes[2];

    public IReadOnlyList<string> BaseMembers =>
        [Community.Lighthouse.Address, .. Community.Nodes.Select(n => n.Address)];

    public static string Endpoint(int port) => $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    public static string Endpoint(NodeProcess node) => Endpoint(node.CmdPort);

    public string LighthouseEndpoint => Endpoint(Community.Lighthouse.CmdPort);

    /// <summary>ccm, in this process, against the command endpoint of <paramref name="node"/>.</summary>
    public static Task<CcmRun> CcmAsync(NodeProcess node, params string[] words) =>
        CcmRunner.RunAsync([Endpoint(node), .. words]);

    public async Task InitializeAsync()
    {
        Community = await LocalCommunity.StartAsync(_folder, nodeCount: 3, FormWithin,
            node =>
            {
                if (node.Name == "node-3")
                    node.Environment["CMD_TOKEN"] = Token;
            });
        await WaitForBaseMembershipAsync();
    }

    public async Task DisposeAsync()
    {
        await Community.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>Waits until node-1 sees exactly the lighthouse and the three nodes, all Up and reachable.</summary>
    public Task WaitForBaseMembershipAsync() =>
        Eventually.Until(async () =>
        {
            var members = await Node1.MembersAsync();
            return members.Count == BaseMembers.Count
                && BaseMembers.All(a => members.Any(m => m.Address == a && m.Status == "Up" && m.Reachable));
        }, FormWithin, "node-1 to see the lighthouse and the three nodes Up, and nobody else");

    public static async Task<JsonElement> MembersJsonAsync(NodeProcess node) =>
        (await node.GetJsonAsync("/api/cluster/members")).GetProperty("members");

    /// <summary>A node of the test's own that joins through the lighthouse, unless other seeds are given.</summary>
    public async Task<ExtraNode> StartExtraNodeAsync(IReadOnlyList<string>? seeds = null, bool waitUntilReady = true)
    {
        var name = $"extra-{Interlocked.Increment(ref _extras)}";
        var node = new NodeProcess(name, _folder.Combine(name), name, seeds ?? [Community.Lighthouse.Address]);
        node.Start();
        var extra = new ExtraNode(node);
        if (waitUntilReady)
            await node.WaitUntilReadyAsync(FormWithin);

        return extra;
    }

    public Task WaitUntilGoneAsync(string address, TimeSpan within) =>
        Eventually.Until(async () => (await Node1.MembersAsync()).All(m => m.Address != address),
            within, $"node-1 to drop {address}");
}

/// <summary>
/// A node a spec starts for itself. Disposing stops it gracefully when it still runs, so that
/// it leaves instead of becoming an unreachable member that the next spec would trip over.
/// </summary>
public sealed class ExtraNode(NodeProcess node) : IAsyncDisposable
{
    public NodeProcess Node { get; } = node;

    public string Address => Node.Address;

    public string Endpoint => CommunityFixture.Endpoint(Node);

    public async ValueTask DisposeAsync()
    {
        if (Node.IsRunning)
        {
            try
            {
                await Node.StopGracefullyAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                // killed below; the split-brain resolver will down it
            }
        }

        await Node.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class CommunityCollection : ICollectionFixture<CommunityFixture>
{
    public const string Name = "community";
}

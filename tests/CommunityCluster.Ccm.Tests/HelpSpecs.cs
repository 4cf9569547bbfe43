using CommunityCluster.Ccm.Tests.Support;

namespace CommunityCluster.Ccm.Tests;

/// <summary>
/// <c>--help</c> at every level, from what the member offers: a node names its palettes, the
/// lighthouse only those it can serve, and no level names a palette that does not exist yet.
/// </summary>
[Collection(CommunityCollection.Name)]
public sealed class HelpSpecs(CommunityFixture community)
{
    private static IReadOnlyList<string> PaletteNames(string output) =>
        output[output.IndexOf("palettes of", StringComparison.Ordinal)..].Split('\n').Skip(1)
            .Where(l => l.StartsWith("  ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(' ')[0])
            .ToList();

    [Fact]
    public async Task Help_should_list_the_palettes_of_a_node_and_of_the_lighthouse()
    {
        var node = await CommunityFixture.CcmAsync(community.Node1, "--help");
        var lighthouse = await CcmRunner.RunAsync(community.LighthouseEndpoint, "-h");

        Assert.True(node.ExitCode == 0, node.ToString());
        Assert.True(lighthouse.ExitCode == 0, lighthouse.ToString());
        Assert.Contains("usage: ccm [host:port] <palette> <command>", node.Output, StringComparison.Ordinal);
        Assert.Contains("exit codes:", node.Output, StringComparison.Ordinal);
        Assert.Equal(["cluster", "node", "links", "storage", "photo", "thumbs"], PaletteNames(node.Output));
        Assert.Equal(["cluster", "node"], PaletteNames(lighthouse.Output));
    }

    [Fact]
    public async Task Help_should_list_the_commands_of_a_palette_and_of_a_group()
    {
        var cluster = await CommunityFixture.CcmAsync(community.Node1, "cluster", "--help");
        var sharding = await CommunityFixture.CcmAsync(community.Node1, "help", "cluster", "sharding");
        var lighthouseNode = await CcmRunner.RunAsync(community.LighthouseEndpoint, "node", "--help");

        Assert.True(cluster.ExitCode == 0, cluster.ToString());
        string[] commands =
        [
            "show", "status", "leader", "join <address>", "leave <address>", "down <address>", "down-unreachable",
            "tail",
            "sharding regions", "sharding region-stats <type>", "sharding shard-stats <type>",
        ];
        foreach (var command in commands)
            Assert.Contains($"  cluster {command}  ", cluster.Output, StringComparison.Ordinal);
        Assert.True(sharding.ExitCode == 0, sharding.ToString());
        Assert.Equal(3, sharding.OutputLines.Count(l => l.StartsWith("  cluster sharding ", StringComparison.Ordinal)));
        Assert.Contains("  node leave  ", lighthouseNode.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("node profile", lighthouseNode.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_should_describe_one_command_with_its_arguments()
    {
        var run = await CommunityFixture.CcmAsync(community.Node1, "cluster", "down", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("usage: ccm [host:port] cluster down <address> [--json]", run.Output,
            StringComparison.Ordinal);
        Assert.Contains("<address>, -a, --address", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_for_an_unknown_command_should_exit_2()
    {
        var run = await CommunityFixture.CcmAsync(community.Node1, "albums", "list", "--help");

        Assert.Equal(CcmExitCodes.Usage, run.ExitCode);
        Assert.Equal(
            "ccm: error: unknown palette 'albums'; this member offers cluster, node, links, storage, photo, thumbs",
            run.Error.Trim());
    }
}

using System.Text.Json;
using CommunityCluster.Ccm.Tests.Support;

namespace CommunityCluster.Ccm.Tests;

/// <summary>
/// pbm's read-only cluster commands against a lighthouse and three nodes, each checked, as a
/// table and as JSON, against what the node's REST API says the cluster is.
/// </summary>
[Collection(CommunityCollection.Name)]
public sealed class ClusterPaletteSpecs(CommunityFixture community) : IAsyncLifetime
{
    public Task InitializeAsync() => community.WaitForBaseMembershipAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Cluster_show_should_print_one_line_per_member_then_a_count()
    {
        var expected = await CommunityFixture.MembersJsonAsync(community.Node1);

        var run = await CommunityFixture.CcmAsync(community.Node1, "cluster", "show");

        Assert.True(run.ExitCode == 0, run.ToString());
        var table = Table.Find(run.Output, "ADDRESS");
        Assert.Equal(["ADDRESS", "ROLES", "STATUS", "REACHABILITY", "VERSION"], table.Headings);
        Assert.Equal(expected.GetArrayLength(), table.Rows.Count);
        foreach (var member in expected.EnumerateArray())
        {
            var row = table.Records.Single(r => r["ADDRESS"] == member.GetProperty("address").GetString());
            Assert.Equal(string.Join(",", Roles(member)), row["ROLES"]);
            Assert.Equal(member.GetProperty("status").GetString(), row["STATUS"]);
            var reachable = member.GetProperty("reachable").GetBoolean();
            Assert.Equal(reachable ? "reachable" : "unreachable", row["REACHABILITY"]);
            Assert.Equal(member.GetProperty("appVersion").GetString(), row["VERSION"]);
        }

        Assert.Contains($"4 members: 4 up, 0 unreachable; seen from {community.Node1.Address}", run.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cluster_show_should_give_scripts_the_same_members_as_json()
    {
        var expected = await CommunityFixture.MembersJsonAsync(community.Node2);

        var run = await CommunityFixture.CcmAsync(community.Node2, "cluster", "show", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(community.Node2.Address, json.GetProperty("self").GetString());
        Assert.Equal(4, json.GetProperty("count").GetInt32());
        var members = json.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(expected.EnumerateArray().Select(Summary), members.Select(Summary));
    }

    [Fact]
    public async Task Cluster_status_and_leader_should_name_the_leader_the_cluster_has()
    {
        var node = community.Node2;

        var status = await CcmRunner.RunAsync(CommunityFixture.Endpoint(node), "cluster", "status");
        var leader = await CcmRunner.RunAsync(CommunityFixture.Endpoint(node), "cluster", "leader", "--json");

        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.True(leader.ExitCode == 0, leader.ToString());
        var fields = Table.Fields(status.Output);
        Assert.Equal(node.Address, fields["member"]);
        Assert.Equal("Up", fields["status"]);
        Assert.Equal("4", fields["members"]);
        Assert.Equal("none", fields["unreachable"]);
        var json = JsonDocument.Parse(leader.Output).RootElement;
        var leaderAddress = json.GetProperty("leader").GetString();
        Assert.Contains(leaderAddress, community.BaseMembers);
        Assert.StartsWith(leaderAddress!, fields["leader"], StringComparison.Ordinal);
        var roles = json.GetProperty("roles").EnumerateArray().Select(r => r.GetProperty("role").GetString()).ToList();
        Assert.Equal(["lighthouse", "meta", "node", "photos", "thumbs", "web"], roles);
    }

    [Fact]
    public async Task The_lighthouse_should_answer_the_cluster_palette_too()
    {
        var expected = await CommunityFixture.MembersJsonAsync(community.Node1);

        var run = await CcmRunner.RunAsync(community.LighthouseEndpoint, "cluster", "show", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(community.Community.Lighthouse.Address, json.GetProperty("self").GetString());
        Assert.Equal(
            expected.EnumerateArray().Select(m => m.GetProperty("address").GetString()),
            json.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("address").GetString()));
    }

    private static string Summary(JsonElement member) =>
        $"{member.GetProperty("address")} {member.GetProperty("status")} {member.GetProperty("reachable")} "
        + string.Join(",", Roles(member));

    private static IEnumerable<string> Roles(JsonElement member) =>
        member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal);
}

using System.Text.Json;
using CommunityCluster.Ccm.Tests.Support;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests;

/// <summary>The project's own palettes: a node's profile and the measured link matrix.</summary>
[Collection(CommunityCollection.Name)]
public sealed class NodeAndLinksSpecs(CommunityFixture community) : IAsyncLifetime
{
    public Task InitializeAsync() => community.WaitForBaseMembershipAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Node_profile_should_show_the_profile_the_node_publishes()
    {
        var node = community.Node2;
        var published = await Eventually.Until(
            async () => (await CommunityFixture.MembersJsonAsync(node)).EnumerateArray()
                .Single(m => m.GetProperty("address").GetString() == node.Address).GetProperty("profile"),
            p => p.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(30), "node-2 to publish its profile");

        var table = await CcmRunner.RunAsync(CommunityFixture.Endpoint(node), "node", "profile");
        var json = await CommunityFixture.CcmAsync(community.Node1, "node", "profile", node.Address, "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.True(json.ExitCode == 0, json.ToString());
        var fields = Table.Fields(table.Output);
        Assert.Equal("home-2", fields["home"]);
        Assert.Equal("web,photos,thumbs,meta", fields["roles"]);
        Assert.Equal("1 GB", fields["storage quota"]);
        Assert.Equal("Up, reachable", fields["status"]);
        Assert.Matches(@"^\d+(\.\d+)? (B|kB|MB|GB|TB)$", fields["free disk"]);
        var profile = JsonDocument.Parse(json.Output).RootElement.GetProperty("profile");
        foreach (var name in new[] { "homeId", "storageQuotaBytes", "cores", "version", "startedAt" })
            Assert.Equal(published.GetProperty(name).GetRawText(), profile.GetProperty(name).GetRawText());
        Assert.True(profile.GetProperty("hoursOnline").GetDouble() >= 0);
    }

    [Fact]
    public async Task Links_matrix_should_print_round_trips_and_throughputs_of_every_measured_pair()
    {
        var node = community.Node1;
        var others = community.BaseMembers.Where(a => a != node.Address).ToList();
        await Eventually.Until(async () => (await node.GetJsonAsync("/api/cluster/links")).GetProperty("rows")[0]
                .GetProperty("links").EnumerateArray()
                .Count(l => l.GetProperty("roundTripMs").GetDouble() > 0) == others.Count,
            TimeSpan.FromSeconds(20), "node-1 to measure a round trip to every other member");
        var api = await node.GetJsonAsync("/api/cluster/links");

        var table = await CcmRunner.RunAsync(CommunityFixture.Endpoint(node), "links", "matrix");
        var json = await CcmRunner.RunAsync(CommunityFixture.Endpoint(node), "links", "matrix", "--json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.True(json.ExitCode == 0, json.ToString());
        var data = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal(RowsAndTargets(api), RowsAndTargets(data));

        var labels = data.GetProperty("members").EnumerateArray()
            .Select(m => (Address: m.GetProperty("address").GetString()!, Label: m.GetProperty("label").GetString()!))
            .ToList();
        Assert.Equal(["home-1", "home-2", "home-3", "lighthouse"],
            labels.Select(l => l.Label).Order(StringComparer.Ordinal));
        var roundTrips = Table.Find(table.Output, "FROM \\ TO");
        Assert.Equal(["FROM \\ TO", .. labels.Select(l => l.Label)], roundTrips.Headings);
        var ownRow = roundTrips.Records.Single(r => r["FROM \\ TO"] == "home-1");
        Assert.Equal("-", ownRow["home-1"]);
        foreach (var other in others)
            Assert.Matches(@"^\d+(\.\d+)?$", ownRow[labels.Single(l => l.Address == other).Label]);
        Assert.Contains("throughput (Mbit/s), from each row to each column", table.Output, StringComparison.Ordinal);
    }

    private static IEnumerable<string> RowsAndTargets(JsonElement matrix) =>
        matrix.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("from").GetString() + " -> "
            + string.Join(",", r.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("to").GetString())));
}

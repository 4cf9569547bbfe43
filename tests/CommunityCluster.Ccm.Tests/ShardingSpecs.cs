using System.Globalization;
using System.Text.Json;
using CommunityCluster.Ccm.Tests.Support;
using CommunityCluster.Hosting.ShardingProbe;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests;

/// <summary>
/// <c>cluster sharding ...</c> against the sharding probe. The spec reaches a fixed set of probe
/// entities through the REST API, which says where each one lives, and ccm must count the same.
/// Reaching them again just before asking ccm restarts any entity that a rebalance stopped, and
/// the comparison is retried for a few seconds in case a rebalance falls in between.
/// </summary>
[Collection(CommunityCollection.Name)]
public sealed class ShardingSpecs(CommunityFixture community) : IAsyncLifetime
{
    private const string Type = ShardingProbeEntity.TypeName;

    private static readonly IReadOnlyList<string> Probes = [.. Enumerable.Range(0, 24).Select(i => $"ccm-probe-{i}")];

    private static readonly TimeSpan AgreeWithin = TimeSpan.FromSeconds(20);

    public Task InitializeAsync() => community.WaitForBaseMembershipAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Reaches every probe and returns the member each one answered from.</summary>
    private async Task<Dictionary<string, string>> PlaceProbesAsync()
    {
        var hostedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in Probes)
            hostedBy[id] = (await community.Node1.GetJsonAsync($"/api/cluster/sharding-probe/{id}"))
                .GetProperty("hostedBy").GetString()!;

        return hostedBy;
    }

    /// <summary>Places the probes, runs ccm, and retries until what ccm says matches the placement.</summary>
    private async Task<(Dictionary<string, string> HostedBy, CcmRun Run)> AgreeAsync(
        string[] args, Func<Dictionary<string, string>, CcmRun, bool> agrees) =>
        await Eventually.Until(async () =>
        {
            var hostedBy = await PlaceProbesAsync();
            return (hostedBy, await CcmRunner.RunAsync(args));
        }, pair => pair.Item2.ExitCode == 0 && agrees(pair.hostedBy, pair.Item2), AgreeWithin,
            $"ccm {string.Join(' ', args)} to agree with where the probes live",
            pair => $"{pair.Item2}\nprobes: {string.Join(", ", pair.hostedBy.Select(p => $"{p.Key}@{p.Value}"))}");

    [Fact]
    public async Task Region_stats_should_count_the_entities_each_member_hosts()
    {
        var nodes = community.Community.Nodes.Select(n => n.Address).ToList();

        var (hostedBy, run) = await AgreeAsync(
            [CommunityFixture.Endpoint(community.Node2), "cluster", "sharding", "region-stats", Type],
            (hosted, run) => nodes.All(n => EntitiesIn(run).GetValueOrDefault(n) == hosted.Values.Count(a => a == n)));
        var json = await CommunityFixture.CcmAsync(community.Node2, "cluster", "sharding", "region-stats",
            "-t", Type, "--json");

        Assert.Equal(nodes.Order(), EntitiesIn(run).Keys.Order());
        var data = JsonDocument.Parse(json.Output).RootElement;
        Assert.Equal(Probes.Count, data.GetProperty("entities").GetInt32());
        Assert.Equal(nodes.Order(),
            data.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("member").GetString()));
        Assert.Contains($"{Type}: 3 regions, ", run.Output, StringComparison.Ordinal);
        Assert.Contains($"shards, {Probes.Count} entities", run.Output, StringComparison.Ordinal);
        Assert.True(hostedBy.Values.Distinct().Count() > 1, "the probes should spread over several members");
    }

    [Fact]
    public async Task Shard_stats_should_place_every_shard_on_the_member_its_entities_answered_from()
    {
        var extractor = new ShardingProbeEntity.MessageExtractor();

        var (hostedBy, run) = await AgreeAsync(
            [CommunityFixture.Endpoint(community.Node1), "cluster", "sharding", "shard-stats", Type],
            (hosted, run) => Expected(hosted).All(e => ShardsIn(run).GetValueOrDefault(e.Key) == e.Value));

        var expected = Expected(hostedBy);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), ShardsIn(run).Keys.Order(StringComparer.Ordinal));
        Assert.Contains($"{Type}: {expected.Count} shards", run.Output, StringComparison.Ordinal);

        Dictionary<string, (string, string)> Expected(Dictionary<string, string> hosted) =>
            hosted.GroupBy(p => extractor.ShardId(p.Key, new WhereAreYou(p.Key)))
                .ToDictionary(g => g.Key, g => (g.First().Value, g.Count().ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Regions_should_list_the_probe_with_its_entities_here_and_in_all()
    {
        var (hostedBy, run) = await AgreeAsync(
            [CommunityFixture.Endpoint(community.Node1), "cluster", "sharding", "regions", "--json"],
            (hosted, run) => Probe(run).GetProperty("entitiesHere").GetInt32()
                == hosted.Values.Count(a => a == community.Node1.Address));

        var region = Probe(run);
        Assert.Equal(3, region.GetProperty("regions").GetInt32());
        Assert.Equal(Probes.Count, region.GetProperty("entities").GetInt32());
        Assert.True(region.GetProperty("shardsHere").GetInt32() > 0, run.Output);
        Assert.Equal(hostedBy.Count, Probes.Count);
    }

    [Fact]
    public async Task An_unknown_region_type_should_fail_with_the_types_there_are()
    {
        var run = await CommunityFixture.CcmAsync(community.Node1, "cluster", "sharding", "region-stats",
            "photos");

        // Every node runs PhotoHub's photo region and ThumbHub's job region beside the probe: the list
        // names all three, sorted.
        Assert.Equal(1, run.ExitCode);
        var here = $"photo, {Type}, thumb-job";
        Assert.Equal($"ccm: error: no shard region 'photos' runs on {community.Node1.Address}; regions here: {here}",
            run.Error.Trim());
    }

    private static Dictionary<string, int> EntitiesIn(CcmRun run) =>
        Table.Find(run.Output, "MEMBER").Records
            .ToDictionary(r => r["MEMBER"], r => int.Parse(r["ENTITIES"], CultureInfo.InvariantCulture));

    private static Dictionary<string, (string Member, string Entities)> ShardsIn(CcmRun run) =>
        Table.Find(run.Output, "SHARD").Records.ToDictionary(r => r["SHARD"], r => (r["MEMBER"], r["ENTITIES"]));

    private static JsonElement Probe(CcmRun run) =>
        JsonDocument.Parse(run.Output).RootElement.GetProperty("regions").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == Type);
}

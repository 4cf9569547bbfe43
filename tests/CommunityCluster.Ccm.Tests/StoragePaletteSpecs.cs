using System.Globalization;
using System.Text.Json;
using CommunityCluster.Ccm.Tests.Support;
using CommunityCluster.Core.Settings;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests;

/// <summary>
/// <c>storage status</c> against three photos nodes holding generated files: the same figures as
/// <c>GET /api/storage/status</c> on the same node, and figures that match what was uploaded.
/// </summary>
[Collection(StorageCommunityCollection.Name)]
public sealed class StoragePaletteSpecs(StorageCommunityFixture storage)
{
    private const int ChunkSize = 1024 * 1024;

    /// <summary>The route's JSON as it was before ccm shared its computation; scripts rely on it.</summary>
    private static readonly string[] StatusContract =
    [
        "photos", "chunks", "bytes", "underReplicatedPhotos", "underReplicatedChunks", "repairsRunning",
        "deletedAwaitingCleanup", "derivedBlobs", "replicationFactor", "targetCopies", "nodes", "rebalance",
    ];

    private static readonly string[] NodeContract =
        ["nodeId", "homeId", "address", "isLive", "usedBytes", "quotaBytes", "freeSharedBytes", "photos", "chunks"];

    private static long ChunksOf(TestPhoto photo) => (photo.Size + ChunkSize - 1) / ChunkSize;

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The route, ccm as JSON and as a table, then the route again, until the two reads of the
    /// route agree: a profile published in between would change the figures under the test.
    /// </summary>
    private static async Task<(JsonElement Api, CcmRun Json, CcmRun Table)> StableAsync(NodeProcess node)
    {
        var endpoint = CommunityFixture.Endpoint(node);
        var (api, json, table, _) = await Eventually.Until(async () =>
            (
                await node.StorageStatusAsync(),
                await CcmRunner.RunAsync(endpoint, "storage", "status", "--json"),
                await CcmRunner.RunAsync(endpoint, "storage", "status"),
                await node.StorageStatusAsync()
            ),
            r => JsonElement.DeepEquals(r.Item1, r.Item4), TimeSpan.FromSeconds(60),
            "two equal reads of /api/storage/status around the ccm runs", r => $"{r.Item1}\n{r.Item4}");

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.True(table.ExitCode == 0, table.ToString());
        return (api, json, table);
    }

    [Fact]
    public async Task Storage_status_should_give_scripts_the_json_of_the_rest_api()
    {
        var (api, run, _) = await StableAsync(storage.Nodes[1]);

        var json = JsonDocument.Parse(run.Output).RootElement;
        Assert.True(JsonElement.DeepEquals(api, json), $"ccm:\n{run.Output}\nREST:\n{api}");
        Assert.Equal(StatusContract, api.EnumerateObject().Select(p => p.Name));
        Assert.All(api.GetProperty("nodes").EnumerateArray(),
            n => Assert.Equal(NodeContract, n.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public async Task Storage_status_should_count_what_was_uploaded_at_two_copies_each()
    {
        var (_, run, _) = await StableAsync(storage.Nodes[0]);

        var json = JsonDocument.Parse(run.Output).RootElement;
        var photos = storage.Photos;
        Assert.Equal(photos.Count, json.GetProperty("photos").GetInt32());
        Assert.Equal(photos.Sum(p => p.Size), json.GetProperty("bytes").GetInt64());
        Assert.Equal(photos.Sum(ChunksOf), json.GetProperty("chunks").GetInt64());
        Assert.Equal(0, json.GetProperty("underReplicatedPhotos").GetInt32());
        Assert.Equal(0, json.GetProperty("underReplicatedChunks").GetInt64());
        Assert.Equal(1, json.GetProperty("deletedAwaitingCleanup").GetInt32());
        Assert.Equal(StorageCommunityFixture.ReplicationFactor, json.GetProperty("targetCopies").GetInt32());
        var nodes = json.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(["home-1", "home-2", "home-3"], nodes.Select(n => n.GetProperty("homeId").GetString()));
        Assert.Equal(2 * photos.Count, nodes.Sum(n => n.GetProperty("photos").GetInt32()));
        Assert.Equal(2 * photos.Sum(ChunksOf), nodes.Sum(n => n.GetProperty("chunks").GetInt64()));
    }

    [Fact]
    public async Task Storage_status_should_print_the_figures_of_the_rest_api_as_tables()
    {
        var (api, _, run) = await StableAsync(storage.Nodes[2]);

        var fields = Table.Fields(run.Output);
        Assert.Equal(Text(api.GetProperty("photos").GetInt32()), fields["photos"]);
        Assert.Equal(Text(api.GetProperty("chunks").GetInt64()), fields["chunks"]);
        Assert.Equal(new ByteSize(api.GetProperty("bytes").GetInt64()).ToString(), fields["bytes"]);
        Assert.Equal("0 photos, 0 chunk replicas missing", fields["under-replicated"]);
        Assert.Equal("0 (replicas being filled)", fields["repairs running"]);
        Assert.Equal("1", fields["deleted, to clean up"]);
        Assert.Equal("2 per photo (the replication factor)", fields["copies wanted"]);
        Assert.StartsWith("0 photos would move to homes that cover the week better, 0 moving", fields["rebalance"],
            StringComparison.Ordinal);

        var table = Table.Find(run.Output, "HOME");
        Assert.Equal(["HOME", "ADDRESS", "LIVE", "USED", "QUOTA", "FREE", "PHOTOS", "CHUNKS"], table.Headings);
        var nodes = api.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(nodes.Select(n => n.GetProperty("homeId").GetString()), table.Records.Select(r => r["HOME"]));
        foreach (var (node, row) in nodes.Zip(table.Records))
        {
            Assert.Equal(node.GetProperty("address").GetString(), row["ADDRESS"]);
            Assert.Equal("yes", row["LIVE"]);
            Assert.Equal(new ByteSize(node.GetProperty("usedBytes").GetInt64()).ToString(), row["USED"]);
            Assert.Equal("1 GB", row["QUOTA"]);
            Assert.Equal(new ByteSize(node.GetProperty("freeSharedBytes").GetInt64()).ToString(), row["FREE"]);
            Assert.Equal(Text(node.GetProperty("photos").GetInt32()), row["PHOTOS"]);
            Assert.Equal(Text(node.GetProperty("chunks").GetInt64()), row["CHUNKS"]);
        }
    }

    [Fact]
    public async Task Storage_and_photo_should_be_offered_by_nodes_only_with_help()
    {
        var lighthouse = CommunityFixture.Endpoint(storage.Community.Lighthouse.CmdPort);

        var onLighthouse = await CcmRunner.RunAsync(lighthouse, "storage", "status");
        var help = await CcmRunner.RunAsync(CommunityFixture.Endpoint(storage.Nodes[0]), "storage", "--help");
        var locateHelp = await CcmRunner.RunAsync(CommunityFixture.Endpoint(storage.Nodes[0]), "photo", "locate",
            "--help");

        CcmAssert.Failed(onLighthouse, CcmExitCodes.Usage,
            "unknown palette 'storage'; this member offers cluster, node");
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("  storage status  photos, chunks, bytes", help.Output, StringComparison.Ordinal);
        Assert.True(locateHelp.ExitCode == 0, locateHelp.ToString());
        Assert.StartsWith("usage: ccm [host:port] photo locate <id> [--json]", locateHelp.Output,
            StringComparison.Ordinal);
        Assert.Contains("<id>, -i, --id", locateHelp.Output, StringComparison.Ordinal);
    }
}

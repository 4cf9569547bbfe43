using System.Globalization;
using System.Text.Json;
using CommunityCluster.Ccm.Tests.Support;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests;

/// <summary>
/// <c>thumbs queue</c> against three nodes that made (or refused) thumbnails for the storage
/// fixture's uploads: the same workers as <c>GET /api/thumbnails/workers</c>, printed as a table.
/// </summary>
[Collection(StorageCommunityCollection.Name)]
public sealed class ThumbsPaletteSpecs(StorageCommunityFixture storage)
{
    private static readonly TimeSpan SettleWithin = TimeSpan.FromSeconds(90);

    /// <summary>Every worker has published, and the JSON is the same before and after the ccm runs.</summary>
    private static async Task<(JsonElement Api, CcmRun Json, CcmRun Table)> StableAsync(NodeProcess node)
    {
        var endpoint = CommunityFixture.Endpoint(node);
        var (api, json, table, _) = await Eventually.Until(async () =>
            (
                await node.GetJsonAsync("/api/thumbnails/workers"),
                await CcmRunner.RunAsync(endpoint, "thumbs", "queue", "--json"),
                await CcmRunner.RunAsync(endpoint, "thumbs", "queue"),
                await node.GetJsonAsync("/api/thumbnails/workers")
            ),
            r => JsonElement.DeepEquals(r.Item1, r.Item4) && r.Item1.GetProperty("workers").GetArrayLength() == 3,
            SettleWithin, "three workers and two equal reads of /api/thumbnails/workers around the ccm runs",
            r => $"{r.Item1}\n{r.Item4}");

        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.True(table.ExitCode == 0, table.ToString());
        return (api, json, table);
    }

    [Fact]
    public async Task Thumbs_queue_should_give_scripts_the_json_of_the_rest_api()
    {
        var (api, run, _) = await StableAsync(storage.Nodes[0]);

        var json = JsonDocument.Parse(run.Output).RootElement;
        var fromApi = ByAddress(api);
        var fromCcm = ByAddress(json);
        Assert.Equal(fromApi.Keys.Order(), fromCcm.Keys.Order());
        Assert.All(fromApi, w => Assert.True(JsonElement.DeepEquals(w.Value, fromCcm[w.Key]),
            $"ccm:\n{run.Output}\nREST:\n{api}"));
        Assert.Equal(api.GetProperty("routing").GetString(), json.GetProperty("routing").GetString());
        Assert.Equal(["home-1", "home-2", "home-3"],
            json.GetProperty("workers").EnumerateArray().Select(w => w.GetProperty("homeId").GetString()).Order());
    }

    [Fact]
    public async Task Thumbs_queue_should_print_each_workers_queue_and_time_per_job()
    {
        var (api, _, run) = await StableAsync(storage.Nodes[1]);

        var fields = Table.Fields(run.Output);
        var workers = api.GetProperty("workers").EnumerateArray().ToList();
        Assert.Equal("latency-aware", fields["routing"]);
        Assert.Equal("3", fields["workers"]);
        Assert.Equal(Text(workers.Sum(w => w.GetProperty("queueLength").GetInt32())), fields["jobs queued"]);

        var table = Table.Find(run.Output, "HOME");
        Assert.Equal(["HOME", "ADDRESS", "QUEUE", "DONE", "MS/JOB", "MS/MB", "MS/STORE", "PUBLISHED"], table.Headings);
        var byAddress = workers.ToDictionary(w => w.GetProperty("address").GetString()!);
        Assert.Equal(3, table.Records.Count);
        foreach (var row in table.Records)
        {
            var worker = byAddress[row["ADDRESS"]];
            Assert.Equal(worker.GetProperty("homeId").GetString(), row["HOME"]);
            Assert.Equal(Text(worker.GetProperty("queueLength").GetInt32()), row["QUEUE"]);
            Assert.Equal(Text(worker.GetProperty("jobsDone").GetInt32()), row["DONE"]);
            Assert.Equal(worker.GetProperty("msPerJob").ValueKind == JsonValueKind.Null, row["MS/JOB"] == "-");
            Assert.Equal(worker.GetProperty("msPerStore").ValueKind == JsonValueKind.Null, row["MS/STORE"] == "-");
        }
    }

    [Fact]
    public async Task Thumbs_queue_should_be_unknown_on_the_lighthouse()
    {
        var lighthouse = CommunityFixture.Endpoint(storage.Community.Lighthouse.CmdPort);

        var run = await CcmRunner.RunAsync(lighthouse, "thumbs", "queue");

        CcmAssert.Failed(run, CcmExitCodes.Usage, "unknown palette 'thumbs'; this member offers cluster, node");
    }

    private static Dictionary<string, JsonElement> ByAddress(JsonElement view) =>
        view.GetProperty("workers").EnumerateArray().ToDictionary(w => w.GetProperty("address").GetString()!);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

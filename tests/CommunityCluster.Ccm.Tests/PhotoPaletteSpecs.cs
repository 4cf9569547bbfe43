using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using CommunityCluster.Ccm.Tests.Support;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests;

/// <summary>
/// <c>photo locate</c> on a photo of three chunks kept on two of three homes: from the home that
/// lacks it (it reads over the network) and from one that holds it (it reads its own disk), each
/// checked against <c>GET /api/photos/{id}</c> and against the file that was uploaded.
/// </summary>
[Collection(StorageCommunityCollection.Name)]
public sealed class PhotoPaletteSpecs(StorageCommunityFixture storage)
{
    private static readonly TimeSpan GossipWithin = TimeSpan.FromSeconds(30);

    /// <summary>2,500,000 bytes: two whole chunks and a short one.</summary>
    private TestPhoto Photo => storage.Photos.Single(p => p.Size == 2_500_000);

    private static IReadOnlyList<(string Id, int Size)> ChunksOf(TestPhoto photo) =>
        File.ReadAllBytes(photo.Path).Chunk(1024 * 1024)
            .Select(c => (Convert.ToHexStringLower(SHA256.HashData(c)), c.Length))
            .ToList();

    private static IEnumerable<string> Replicas(JsonElement location, string property = "replicas") =>
        location.GetProperty(property).EnumerateArray().Select(r =>
            $"{r.GetProperty("nodeId").GetString()} {r.GetProperty("homeId").GetString()} "
            + $"{r.GetProperty("address").GetString()} {r.GetProperty("live").GetBoolean()}");

    private static List<string> ReadHomes(JsonElement location) =>
        [.. location.GetProperty("readOrder").EnumerateArray().Select(r => r.GetProperty("homeId").GetString()!)];

    /// <summary>The node that holds the photo when <paramref name="holding"/>, else the one that does not.</summary>
    private async Task<NodeProcess> ReaderAsync(bool holding)
    {
        var described = await Eventually.Until(() => StorageCommunityFixture.PhotoJsonAsync(storage.Nodes[0], Photo.Id),
            d => d.GetProperty("replicas").GetArrayLength() == 2, GossipWithin, "the photo at two copies");
        var addresses = described.GetProperty("replicas").EnumerateArray()
            .Select(r => r.GetProperty("address").GetString()).ToHashSet();
        var reader = storage.Nodes.First(n => addresses.Contains(n.Address) == holding);
        await Eventually.Until(() => StorageCommunityFixture.PhotoJsonAsync(reader, Photo.Id), _ => true, GossipWithin,
            $"{reader.Name} to know the photo's manifest");
        return reader;
    }

    [Fact]
    public async Task Photo_locate_should_give_scripts_the_manifest_holders_and_read_order_of_the_rest_api()
    {
        var reader = await ReaderAsync(holding: false);
        var api = await StorageCommunityFixture.PhotoJsonAsync(reader, Photo.Id);

        var run = await CcmRunner.RunAsync(CommunityFixture.Endpoint(reader), "photo", "locate", Photo.Id, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonDocument.Parse(run.Output).RootElement;
        foreach (var name in new[] { "id", "fileName", "size", "contentType", "storedAt" })
            Assert.Equal(api.GetProperty(name).GetRawText(), json.GetProperty(name).GetRawText());
        Assert.Equal(Photo.Name, json.GetProperty("fileName").GetString());
        var chunks = json.GetProperty("chunks").EnumerateArray().ToList();
        Assert.Equal(api.GetProperty("chunks").GetInt32(), chunks.Count);
        Assert.Equal(ChunksOf(Photo),
            chunks.Select(c => (c.GetProperty("id").GetString()!, c.GetProperty("size").GetInt32())));
        Assert.Equal([0L, 1_048_576L, 2_097_152L], chunks.Select(c => c.GetProperty("offset").GetInt64()));
        Assert.Equal(Replicas(api), Replicas(json));
        Assert.Equal(Replicas(api, "filling"), Replicas(json, "filling"));
        Assert.All(json.GetProperty("replicas").EnumerateArray(),
            r => Assert.Equal("live", r.GetProperty("state").GetString()));
        Assert.Equal(2, json.GetProperty("liveCopies").GetInt32());
        Assert.Equal(2, json.GetProperty("targetCopies").GetInt32());

        // Two remote replicas may swap places between the two reads as links are measured: same set.
        var replicaHomes = json.GetProperty("replicas").EnumerateArray()
            .Select(r => r.GetProperty("homeId").GetString()!);
        Assert.Equal(replicaHomes.Order(), ReadHomes(json).Order());
        Assert.Equal(ReadHomes(api).Order(), ReadHomes(json).Order());
        var order = json.GetProperty("readOrder").EnumerateArray().ToList();
        Assert.Equal(order.Select(r => r.GetProperty("expectedMs").GetDouble()).Order(),
            order.Select(r => r.GetProperty("expectedMs").GetDouble()));
        Assert.True(order[0].GetProperty("expectedMs").GetDouble() > 0, order[0].ToString());
        Assert.NotEqual("this node", order[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Photo_locate_should_show_each_replica_home_with_its_usual_hours_as_the_rest_api_does()
    {
        var reader = await ReaderAsync(holding: false);
        var api = await StorageCommunityFixture.PhotoJsonAsync(reader, Photo.Id);

        var json = await CcmRunner.RunAsync(CommunityFixture.Endpoint(reader), "photo", "locate", Photo.Id, "--json");
        var table = await CcmRunner.RunAsync(CommunityFixture.Endpoint(reader), "photo", "locate", Photo.Id);

        Assert.True(json.ExitCode == 0 && table.ExitCode == 0, $"{json}\n{table}");
        var summaries = api.GetProperty("replicas").EnumerateArray()
            .Select(r => r.GetProperty("usualHours").GetProperty("summary").GetString()!).ToList();
        Assert.Equal(summaries, JsonDocument.Parse(json.Output).RootElement.GetProperty("replicas").EnumerateArray()
            .Select(r => r.GetProperty("hours").GetProperty("summary").GetString()!));
        Assert.All(summaries, s => Assert.StartsWith("mon ", s, StringComparison.Ordinal));
        Assert.Contains("USUAL HOURS (UTC)", table.Output, StringComparison.Ordinal);
        foreach (var summary in summaries)
            Assert.Contains(summary, table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photo_locate_should_print_the_chunks_the_homes_and_the_first_read_from_a_home_without_it()
    {
        var reader = await ReaderAsync(holding: false);
        var api = await StorageCommunityFixture.PhotoJsonAsync(reader, Photo.Id);

        var run = await CcmRunner.RunAsync(CommunityFixture.Endpoint(reader), "photo", "locate", Photo.Id);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"photo {Photo.Id}\n", run.Output, StringComparison.Ordinal);
        var fields = Table.Fields(run.Output);
        Assert.Equal(Photo.Name, fields["file name"]);
        Assert.Equal(api.GetProperty("contentType").GetString(), fields["type"]);
        Assert.Equal("2.5 MB (2500000 bytes)", fields["size"]);
        Assert.Equal("3", fields["chunks"]);
        Assert.Equal("2 live of 2 wanted", fields["copies"]);

        var holders = api.GetProperty("replicas").EnumerateArray().Select(r => r.GetProperty("homeId").GetString()!)
            .Order().ToList();
        var chunks = Table.Find(run.Output, "#  CHUNK");
        Assert.Equal(["#", "CHUNK", "BYTES", "OFFSET", "HELD BY", "FILLING"], chunks.Headings);
        Assert.Equal(ChunksOf(Photo).Select(c => (c.Id, c.Size.ToString(CultureInfo.InvariantCulture))),
            chunks.Records.Select(r => (r["CHUNK"], r["BYTES"])));
        Assert.All(chunks.Records, r => Assert.Equal(holders, r["HELD BY"].Split(", ").Order()));
        Assert.All(chunks.Records, r => Assert.Equal("-", r["FILLING"]));

        var homes = Table.Find(run.Output, "HOME");
        Assert.Equal(holders, homes.Records.Select(r => r["HOME"]).Order());
        Assert.All(homes.Records, r => Assert.Equal(("all 3 chunks", "live"), (r["HOLDS"], r["STATE"])));
        var reads = Table.Find(run.Output, "#  HOME");
        Assert.Equal(holders, reads.Records.Select(r => r["HOME"]).Order());
        var first = reads.Records[0];
        Assert.Matches(@"^(rtt \d+(\.\d)? ms, .+|not measured yet)$", first["WHY"]);
        Assert.Contains($"first choice: {first["HOME"]} ({first["WHY"]})", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photo_locate_should_read_first_from_this_node_when_it_holds_the_photo()
    {
        var reader = await ReaderAsync(holding: true);
        var home = storage.Nodes.ToList().IndexOf(reader) + 1;

        var json = await CcmRunner.RunAsync(CommunityFixture.Endpoint(reader), "photo", "locate", Photo.Id, "--json");
        var table = await CcmRunner.RunAsync(CommunityFixture.Endpoint(reader), "photo", "locate",
            Photo.Id.ToUpperInvariant());

        Assert.True(json.ExitCode == 0, json.ToString());
        var first = JsonDocument.Parse(json.Output).RootElement.GetProperty("readOrder")[0];
        Assert.Equal($"home-{home}", first.GetProperty("homeId").GetString());
        Assert.Equal(reader.Address, first.GetProperty("address").GetString());
        Assert.Equal("this node", first.GetProperty("reason").GetString());
        Assert.Equal(0, first.GetProperty("expectedMs").GetDouble());
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.StartsWith($"photo {Photo.Id}\n", table.Output, StringComparison.Ordinal);
        Assert.Contains($"first choice: home-{home} (this node)", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photo_locate_should_refuse_a_malformed_an_unknown_and_a_deleted_id_as_the_rest_api_does()
    {
        var node = storage.Nodes[0];
        var unknown = Convert.ToHexStringLower(SHA256.HashData("no such photo"u8));
        (string Id, HttpStatusCode Status, string Error)[] cases =
        [
            ("not-a-photo-id", HttpStatusCode.BadRequest,
                "'not-a-photo-id' is not a photo id: photo ids are 64 hex digits"),
            (Photo.Id[..63], HttpStatusCode.BadRequest, "is not a photo id"),
            (unknown, HttpStatusCode.NotFound, $"no photo has id {unknown}"),
            (storage.Deleted.Id, HttpStatusCode.NotFound, $"photo {storage.Deleted.Id} was deleted at "),
        ];

        foreach (var (id, status, error) in cases)
        {
            var run = await CcmRunner.RunAsync(CommunityFixture.Endpoint(node), "photo", "locate", id);
            using var rest = await node.Http.GetAsync(new Uri($"/api/photos/{id}", UriKind.Relative));

            CcmAssert.Failed(run, CcmExitCodes.Failed, error);
            Assert.Equal(status, rest.StatusCode);
        }

        var missing = await CcmRunner.RunAsync(CommunityFixture.Endpoint(node), "photo", "locate");
        CcmAssert.Failed(missing, CcmExitCodes.Usage, "'photo locate' needs <id>");
    }
}

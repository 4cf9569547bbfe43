using System.Text.Json;
using CommunityCluster.Testing;
using Xunit.Abstractions;

namespace CommunityCluster.Node.Tests.PhotoHub;

/// <summary>
/// The soak's findings 2 and 3 (benchmarks/results/soak.md): an ask inside the cluster that found
/// no answer in time reached ASP.NET's exception middleware, which logged an unhandled error and
/// answered 500. Four homes, two of them frozen with SIGSTOP right after every photo was stored:
/// a request whose photo entity lives on a frozen home waits for its ask to time out, and must
/// then answer a 503 problem ("try again"), with no error line in the node's log.
/// </summary>
public sealed class FrozenHomesSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Enough photos that some have their entity on the two frozen homes: the shards are spread
    /// over the four homes when the photos are first stored.
    /// </summary>
    private const int PhotoCount = 12;

    private const string PhotoEntityType = "photo";

    private readonly TestFolder _folder = new(nameof(FrozenHomesSpecs));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task FrozenHomes_should_answer_an_upload_whose_entity_is_frozen_with_a_503_problem()
    {
        var photos = Photos("upload");
        await using var community = await StartAndStoreAsync(photos);
        var entry = community.Nodes[0];

        FreezeTwoHomes(community, photos);
        var answers = await Task.WhenAll(photos.Select(p => SendAsync(entry, Upload(p))));

        AssertRefusedAsUnavailable(answers, allowed: 200);
        AssertNoUnhandledError(entry);
    }

    [Fact]
    public async Task FrozenHomes_should_answer_a_delete_whose_entity_is_frozen_with_a_503_problem()
    {
        var photos = Photos("delete");
        await using var community = await StartAndStoreAsync(photos);
        var entry = community.Nodes[0];

        FreezeTwoHomes(community, photos);
        var answers = await Task.WhenAll(photos.Select(p =>
            SendAsync(entry, new HttpRequestMessage(HttpMethod.Delete, $"/api/photos/{p.Id}"))));

        AssertRefusedAsUnavailable(answers, allowed: 204);
        AssertNoUnhandledError(entry);
    }

    private IReadOnlyList<TestPhoto> Photos(string name) =>
        [.. Enumerable.Range(1, PhotoCount)
            .Select(i => TestPhotos.RandomFile(_folder.Combine(name), $"{name}-{i:00}.bin", 200_000, seed: 9000 + i))];

    private async Task<LocalCommunity> StartAndStoreAsync(IReadOnlyList<TestPhoto> photos)
    {
        var community = await LocalCommunity.StartAsync(_folder, nodeCount: 4, ReadyWithin);
        try
        {
            // Placement must see all four photos nodes, so the entities spread over the homes.
            await Eventually.Until(async () => (await community.Nodes[0].StorageStatusAsync()).GetProperty("nodes")
                    .GetArrayLength() == 4,
                ReadyWithin, "node-1 to see four photos nodes");
            await community.Nodes[0].UploadAllAsync(photos, perRequest: 1);
            return community;
        }
        catch
        {
            await community.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Two homes of four, so node-1's side (with the lighthouse) stays the majority and is never the
    /// one downed; the requests go out at once, before the frozen homes are found unreachable.
    /// The two frozen are those of node-2 to node-4 whose logs show the most photo entities: under
    /// load, a home's shard region can register after the photos were stored, and a home that
    /// hosts no entity proves nothing when frozen (a CI run froze node-3 and node-4 and got twelve 200s).
    /// </summary>
    private void FreezeTwoHomes(LocalCommunity community, IReadOnlyList<TestPhoto> photos)
    {
        var hosts = community.Nodes.Skip(1)
            .Select(node => (Node: node, Log: node.LogText()))
            .Select(h => (h.Node, Entities: photos.Count(p => HostsEntity(h.Log, p))))
            .OrderByDescending(h => h.Entities)
            .Take(2)
            .ToList();

        hosts.ForEach(h => h.Node.Freeze());
        output.WriteLine("froze " + string.Join(", ", hosts.Select(h => $"{h.Node.Name} ({h.Entities} entities)")));
    }

    /// <summary>An entity's log lines carry its path, .../sharding/photo/shard/id, in its host's log.</summary>
    private static bool HostsEntity(string log, TestPhoto photo) =>
        System.Text.RegularExpressions.Regex.IsMatch(log, $"/system/sharding/{PhotoEntityType}/[^/\\]]+/{photo.Id}\\]");

    private static HttpRequestMessage Upload(TestPhoto photo)
    {
        var content = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(photo.Path));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", photo.Name);
        return new HttpRequestMessage(HttpMethod.Post, "/api/photos") { Content = content };
    }

    private static async Task<(int Status, string? ContentType, string Body)> SendAsync(NodeProcess node,
        HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await node.Http.SendAsync(request);
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>
    /// Requests whose entity is on a live home succeed; those whose entity is frozen wait for the
    /// ask's timeout and must be refused as a 503 problem, never a 500. At least one must be refused,
    /// or the test did not reach a frozen entity at all.
    /// </summary>
    private void AssertRefusedAsUnavailable((int Status, string? ContentType, string Body)[] answers, int allowed)
    {
        output.WriteLine("answers: " + string.Join(", ", answers.Select(a => a.Status)));

        Assert.All(answers, a => Assert.True(a.Status == allowed || a.Status == 503, $"{a.Status}: {a.Body}"));
        var refused = answers.Where(a => a.Status == 503).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, a =>
        {
            Assert.Equal("application/problem+json", a.ContentType);
            using var problem = JsonDocument.Parse(a.Body);
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal("storage unavailable", problem.RootElement.GetProperty("title").GetString());
        });
    }

    /// <summary>
    /// Findings 2 and 3 left an error line from the exception middleware naming the timed-out ask.
    /// Other error lines are possible while two homes are frozen (the shard coordinator on node-1
    /// cannot write its state to a majority) and are not this test's subject.
    /// </summary>
    private void AssertNoUnhandledError(NodeProcess entry)
    {
        var log = entry.LogText();
        var unhandled = log.Split('\n')
            .Where(l => l.Contains(" fail: ", StringComparison.Ordinal))
            .Where(l => l.Contains("ExceptionHandlerMiddleware", StringComparison.Ordinal)
                || l.Contains("AskTimeoutException", StringComparison.Ordinal))
            .ToList();
        output.WriteLine($"error lines in node-1's log: {log.Split('\n').Count(l => l.Contains(" fail: ", StringComparison.Ordinal))}");

        Assert.Empty(unhandled);
        Assert.Contains("did not answer in time", log, StringComparison.Ordinal); // the warning instead
    }
}

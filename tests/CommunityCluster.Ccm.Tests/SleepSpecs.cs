using System.Text.Json;
using CommunityCluster.Ccm.Tests.Support;
using CommunityCluster.Hosting;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests;

/// <summary>
/// <c>ccm node sleep</c> on a live node of a community of its own (five homes, two copies, no
/// absence grace): the node announces, leaves and exits 0, and while it is away as announced its
/// copies keep counting. A home killed without notice in the same community is the control: once
/// its photos are repaired, the repair monitor has run, and the sleeper's photos must be untouched.
/// </summary>
public sealed class SleepSpecs : IDisposable
{
    private static readonly TimeSpan FormWithin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RepairWithin = ClusterTimings.DowningBound + TimeSpan.FromSeconds(60);
    private readonly TestFolder _folder = new(nameof(SleepSpecs));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Node_sleep_should_leave_with_0_and_its_photos_should_not_be_repaired_while_it_is_away()
    {
        await using var community = await LocalCommunity.StartAsync(_folder, nodeCount: 5, FormWithin,
            node => node.Environment["REPLICATION_FACTOR"] = "2");
        var (reader, sleeper, killed) = (community.Nodes[1], community.Nodes[3], community.Nodes[4]);
        var photos = Enumerable.Range(0, 16)
            .Select(i => TestPhotos.RandomFile(_folder.Combine("photos"), $"p{i}.jpg", 150_000, seed: 700 + i))
            .ToList();
        await Eventually.Until(async () => (await reader.StorageStatusAsync()).GetProperty("nodes")
            .GetArrayLength() == 5, FormWithin, "five photos nodes to be known");
        await reader.UploadAllAsync(photos);
        await Eventually.Until(reader.StorageStatusAsync, s => s.GetProperty("underReplicatedChunks").GetInt64() == 0
            && s.GetProperty("repairsRunning").GetInt32() == 0, FormWithin, "two copies of every photo", s => $"{s}");
        var before = new Dictionary<string, IReadOnlyList<Replica>>();
        foreach (var photo in photos)
            before[photo.Id] = await ReplicasAsync(reader, photo.Id);
        var sleepers = before.Where(p => Holds(p.Value, "home-4") && !Holds(p.Value, "home-5")).ToList();
        var control = before.Where(p => Holds(p.Value, "home-5") && !Holds(p.Value, "home-4")).ToList();
        Assert.True(sleepers.Count > 0 && control.Count > 0, "the seeded photos should land on both homes");

        var run = await CcmRunner.RunAsync(CommunityFixture.Endpoint(sleeper), "node", "sleep", "--until", "1h");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("sleeps until", run.Output, StringComparison.Ordinal);
        Assert.Contains("known to a majority", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, await sleeper.WaitForExitAsync(FormWithin));
        await Eventually.Until(async () => (await reader.MembersAsync()).All(m => m.Address != sleeper.Address),
            FormWithin, "the sleeper to be removed");

        var asleep = (await ReplicasAsync(reader, sleepers[0].Key)).Single(r => r.HomeId == "home-4");
        var located = await CcmRunner.RunAsync(CommunityFixture.Endpoint(reader), "photo", "locate", sleepers[0].Key);
        Assert.StartsWith("asleep until ", asleep.State, StringComparison.Ordinal);
        Assert.Contains("home-4", located.Output, StringComparison.Ordinal);
        Assert.Contains("asleep until ", located.Output, StringComparison.Ordinal);

        killed.Kill();
        await Eventually.Until(async () => await AllAsync(control, async p =>
                (await ReplicasAsync(reader, p.Key)).Count(r => r.Live) >= 2),
            RepairWithin, "the killed home's photos to be repaired elsewhere");

        foreach (var (id, replicas) in sleepers)
        {
            var json = await reader.GetJsonAsync($"/api/photos/{id}");
            var now = await ReplicasAsync(reader, id);
            Assert.Equal(replicas.Select(r => r.NodeId).Order(), now.Select(r => r.NodeId).Order());
            Assert.Equal(0, json.GetProperty("filling").GetArrayLength());
        }
    }

    private sealed record Replica(string NodeId, string HomeId, bool Live, string State);

    private static bool Holds(IReadOnlyList<Replica> replicas, string home) => replicas.Any(r => r.HomeId == home);

    private static async Task<IReadOnlyList<Replica>> ReplicasAsync(NodeProcess node, string id)
    {
        var json = await node.GetJsonAsync($"/api/photos/{id}");
        return [.. json.GetProperty("replicas").EnumerateArray().Select(r => new Replica(
            r.GetProperty("nodeId").GetString()!, r.GetProperty("homeId").GetString()!,
            r.GetProperty("live").GetBoolean(), r.GetProperty("state").GetString()!))];
    }

    private static async Task<bool> AllAsync<T>(IEnumerable<T> items, Func<T, Task<bool>> test)
    {
        foreach (var item in items)
        {
            if (!await test(item))
                return false;
        }

        return true;
    }
}

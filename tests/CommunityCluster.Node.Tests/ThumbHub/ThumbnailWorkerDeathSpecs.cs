using CommunityCluster.Hosting;
using CommunityCluster.Testing;
using Xunit.Abstractions;

namespace CommunityCluster.Node.Tests.ThumbHub;

/// <summary>
/// A worker killed (kill -9) while it holds thumbnail jobs: each of its jobs completes on another
/// node, once, and no photo stays pending.
/// </summary>
public sealed class ThumbnailWorkerDeathSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(30);
    private readonly TestFolder _folder = new(nameof(ThumbnailWorkerDeathSpecs));

    public void Dispose() => _folder.Dispose();

    /// <summary>Photos whose job is pending on a worker, as node-1 sees it now: photo id to worker address.</summary>
    private static async Task<Dictionary<string, string>> PendingAsync(NodeProcess node, IEnumerable<TestPhoto> photos)
    {
        var pending = new Dictionary<string, string>();
        foreach (var photo in photos)
        {
            var thumbnails = await Thumbnails.OfAsync(node, photo.Id);
            if (Thumbnails.State(thumbnails) == "pending"
                && thumbnails.GetProperty("job") is { ValueKind: System.Text.Json.JsonValueKind.Object } job
                && job.GetProperty("worker").GetString() is { } worker)
                pending[photo.Id] = worker;
        }

        return pending;
    }

    [SharedDataFact]
    public async Task Jobs_of_a_killed_worker_should_complete_elsewhere_and_none_stay_pending()
    {
        // node-1 takes the uploads and makes no thumbnails; node-2 and node-3 are the workers.
        await using var community = await LocalCommunity.StartAsync(_folder, nodeCount: 3, ReadyWithin,
            node => { if (node.Name == "node-1") node.Environment["CLUSTER_ROLES"] = "web,photos,meta"; });
        var front = community.Nodes[0];
        await Eventually.Until(async () =>
            (await front.StorageStatusAsync()).GetProperty("nodes").GetArrayLength() == 3,
            ReadyWithin, "node-1 to see three photos nodes");
        var photos = SharedData.FilesIn(SharedData.PhotosFolder).Select(TestPhoto.Of)
            .Where(p => p.Size > 300_000).DistinctBy(p => p.Id).ToList();

        await front.UploadAllAsync(photos, perRequest: 1);
        var busy = await Eventually.Until(() => PendingAsync(front, photos), pending => pending.Count > 0,
            TimeSpan.FromSeconds(10),
            "some thumbnail job to be pending on a worker");
        var victimAddress = busy.Values.GroupBy(w => w).OrderByDescending(g => g.Count()).First().Key;
        var victim = community.Nodes.Single(n => n.Address == victimAddress);

        // Frozen first, so that what node-1 sees as pending on it can no longer change; then killed.
        victim.Freeze();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var orphaned = (await PendingAsync(front,
            photos)).Where(a => a.Value == victimAddress).Select(a => a.Key).ToList();
        victim.Kill();
        output.WriteLine($"killed {victim.Name} holding {orphaned.Count} of {photos.Count} jobs");
        Assert.NotEmpty(orphaned);

        var settled = await Thumbnails.WaitSettledAsync(front, photos.Select(p => p.Id),
            ClusterTimings.DowningBound + TimeSpan.FromSeconds(90));

        foreach (var photoId in orphaned)
        {
            var job = settled[photoId].GetProperty("job");
            output.WriteLine($"{photoId[..12]}: {Thumbnails.State(settled[photoId])} on {job.GetProperty("worker")} attempt {job.GetProperty("attempt")}");
            Assert.Equal("ready", Thumbnails.State(settled[photoId]));
            Assert.NotEqual(victimAddress, job.GetProperty("worker").GetString());
            Assert.True(job.GetProperty("attempt").GetInt32() >= 2, "the job was assigned again");
        }

        Assert.All(photos, p => Assert.True(Thumbnails.IsSettled(settled[p.Id])));
        var survivor = community.Nodes.First(n => n != victim && n != front);
        Assert.Equal(await Thumbnails.DownloadAsync(front, orphaned[0], "small"),
            await Thumbnails.DownloadAsync(survivor, orphaned[0], "small"));
    }
}

using System.Text.Json;
using CommunityCluster.Hosting;
using CommunityCluster.Testing;
using Xunit.Abstractions;

namespace CommunityCluster.Node.Tests.PhotoHub;

/// <summary>
/// Four photos nodes in four homes with replication factor 3, every photo of the corpus uploaded:
/// homes die, disks rot, everything restarts, and every photo still reads byte-identical.
/// </summary>
public sealed class PhotoHubResilienceSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(30);
    private readonly TestFolder _folder = new(nameof(PhotoHubResilienceSpecs));

    public void Dispose() => _folder.Dispose();

    private async Task<(LocalCommunity Community, IReadOnlyList<TestPhoto> Photos)> StartAndUpload()
    {
        var community = await LocalCommunity.StartAsync(_folder, nodeCount: 4, ReadyWithin);
        try
        {
            var photos = TestPhotos.CorpusOrGenerated(_folder, out var description);
            output.WriteLine($"uploading {photos.Count} files from {description}");

            // Every node must know every photos node before placement can spread over four homes.
            await Eventually.Until(async () => (await community.Nodes[0].StorageStatusAsync()).GetProperty("nodes").GetArrayLength() == 4,
                ReadyWithin, "node-1 to see four photos nodes");
            await community.Nodes[0].UploadAllAsync(photos);
            await WaitForFullReplication(community.Nodes[0], TimeSpan.FromSeconds(60));
            return (community, photos);
        }
        catch
        {
            await community.DisposeAsync();
            throw;
        }
    }

    private static Task<JsonElement> WaitForFullReplication(NodeProcess node, TimeSpan within) =>
        Eventually.Until(node.StorageStatusAsync,
            s => s.GetProperty("underReplicatedChunks").GetInt64() == 0 && s.GetProperty("repairsRunning").GetInt32() == 0,
            within, $"{node.Name} to report every photo at full replication", s => s.ToString());

    [Fact]
    public async Task PhotoHub_should_read_every_photo_after_a_kill_and_repair_within_60s_of_the_downing()
    {
        var (community, photos) = await StartAndUpload();
        await using var _ = community;
        var victim = community.Nodes[3];

        victim.Kill();

        await community.Nodes[1].AssertAllReadableAsync(photos);
        await Eventually.Until(async () => (await community.Nodes[0].MembersAsync()).All(m => m.Address != victim.Address),
            ClusterTimings.DowningBound + TimeSpan.FromSeconds(5), "the killed node to be downed");
        var status = await WaitForFullReplication(community.Nodes[0], TimeSpan.FromSeconds(60));
        Assert.Equal(photos.DistinctBy(p => p.Id).Count(), status.GetProperty("photos").GetInt32());
        await community.Nodes[2].AssertAllReadableAsync(photos);
    }

    [Fact]
    public async Task PhotoHub_should_read_every_photo_with_two_nodes_killed_at_once()
    {
        var (community, photos) = await StartAndUpload();
        await using var _ = community;

        community.Nodes[2].Kill();
        community.Nodes[3].Kill();

        await community.Nodes[1].AssertAllReadableAsync(photos);
        await community.Nodes[0].AssertAllReadableAsync(photos);
    }

    [Fact]
    public async Task PhotoHub_should_read_right_past_a_rotten_chunk_and_rewrite_it()
    {
        var (community, photos) = await StartAndUpload();
        await using var _ = community;
        var photo = photos.Where(p => p.Size > 2_000_000).DefaultIfEmpty(photos.MaxBy(p => p.Size)!).First();
        var holder = community.Nodes.First(n => ChunkFilesOf(n).Count > 0 && HoldsPhoto(n, photo));
        var chunkFile = ChunkFilesOf(holder).First(f => PhotoChunks(holder, photo).Contains(Path.GetFileName(f)));
        var original = await File.ReadAllBytesAsync(chunkFile);
        var rotten = (byte[])original.Clone();
        rotten[rotten.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(chunkFile, rotten);

        var (status, hash) = await holder.DownloadHashAsync(photo.Id);

        Assert.Equal((200, photo.Id), (status, hash));
        await Eventually.Until(() => File.Exists(chunkFile) && File.ReadAllBytes(chunkFile).SequenceEqual(original),
            TimeSpan.FromSeconds(60), $"{holder.Name} to rewrite the rotten chunk {Path.GetFileName(chunkFile)}");
    }

    [Fact]
    public async Task PhotoHub_should_read_every_photo_after_every_node_restarts()
    {
        var (community, photos) = await StartAndUpload();
        await using var _ = community;

        foreach (var node in community.Nodes.Reverse())
            Assert.Equal(0, await node.StopGracefullyAsync(TimeSpan.FromSeconds(30)));
        foreach (var node in community.Nodes)
        {
            node.Start();
            await node.WaitUntilReadyAsync(ReadyWithin);
        }

        foreach (var node in community.Nodes)
            await node.AssertAllReadableAsync(photos);
    }

    private static IReadOnlyList<string> ChunkFilesOf(NodeProcess node)
    {
        var root = Path.Combine(node.DataDirectory, "chunks");
        return Directory.Exists(root)
            ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/chunks/tmp/", StringComparison.Ordinal)).ToList()
            : [];
    }

    private static bool HoldsPhoto(NodeProcess node, TestPhoto photo) =>
        PhotoChunks(node, photo).All(id => ChunkFilesOf(node).Any(f => Path.GetFileName(f) == id));

    private static IReadOnlyList<string> PhotoChunks(NodeProcess node, TestPhoto photo) => ChunkIds(photo.Path);

    /// <summary>The chunk ids of a file: SHA-256 of each 1 MiB slice, as PhotoHub cuts it.</summary>
    private static IReadOnlyList<string> ChunkIds(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes.Chunk(1024 * 1024).Select(c => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(c))).ToList();
    }
}

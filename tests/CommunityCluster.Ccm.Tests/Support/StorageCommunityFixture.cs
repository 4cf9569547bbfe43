using System.Text.Json;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests.Support;

/// <summary>
/// A community for the PhotoHub palettes: a lighthouse and three photos nodes keeping two copies
/// of each photo, so that every photo has a home that holds it and one that reads it from
/// elsewhere. Generated files are uploaded once (a duplicate pair among them), and one more photo
/// is uploaded and deleted, so the storage figures are known before any spec runs.
/// </summary>
public sealed class StorageCommunityFixture : IAsyncLifetime
{
    public const int ReplicationFactor = 2;

    private static readonly TimeSpan FormWithin = TimeSpan.FromSeconds(60);

    private readonly TestFolder _folder = new("CcmStorageSpecs");

    public LocalCommunity Community { get; private set; } = null!;

    public IReadOnlyList<NodeProcess> Nodes => Community.Nodes;

    /// <summary>What was uploaded and kept, one entry per distinct photo.</summary>
    public IReadOnlyList<TestPhoto> Photos { get; private set; } = [];

    public TestPhoto Deleted { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Community = await LocalCommunity.StartAsync(_folder, nodeCount: 3, FormWithin,
            node => node.Environment["REPLICATION_FACTOR"] = ReplicationFactor.ToString(
                System.Globalization.CultureInfo.InvariantCulture));
        await Eventually.Until(async () => (await Nodes[0].StorageStatusAsync()).GetProperty("nodes")
                .EnumerateArray().Count(n => n.GetProperty("isLive").GetBoolean()) == Nodes.Count,
            FormWithin, "node-1 to see three live photos nodes");

        var uploaded = TestPhotos.Generate(_folder.Combine("photos"), seed: 61);
        await Nodes[0].UploadAllAsync(uploaded);
        Deleted = TestPhotos.RandomFile(_folder.Combine("deleted"), "deleted.jpg", 700_000, seed: 62);
        await Nodes[1].UploadAllAsync([Deleted]);
        using var delete = await Nodes[1].Http.DeleteAsync(new Uri($"/api/photos/{Deleted.Id}", UriKind.Relative));
        delete.EnsureSuccessStatusCode();
        Photos = uploaded.DistinctBy(p => p.Id).ToList();

        // Manifests reach the other nodes by gossip: each spec may ask any node.
        foreach (var node in Nodes)
            await Eventually.Until(() => SettledAsync(node), FormWithin,
                $"{node.Name} to see every photo at two copies and the deleted one as a tombstone");
    }

    public async Task DisposeAsync()
    {
        await Community.DisposeAsync();
        _folder.Dispose();
    }

    public static async Task<JsonElement> PhotoJsonAsync(NodeProcess node, string id) =>
        await node.GetJsonAsync($"/api/photos/{id}");

    private async Task<bool> SettledAsync(NodeProcess node)
    {
        var status = await node.StorageStatusAsync();
        return status.GetProperty("photos").GetInt32() == Photos.Count
            && status.GetProperty("deletedAwaitingCleanup").GetInt32() == 1
            && status.GetProperty("underReplicatedPhotos").GetInt32() == 0
            && status.GetProperty("repairsRunning").GetInt32() == 0;
    }
}

[CollectionDefinition(Name)]
public sealed class StorageCommunityCollection : ICollectionFixture<StorageCommunityFixture>
{
    public const string Name = "storage community";
}

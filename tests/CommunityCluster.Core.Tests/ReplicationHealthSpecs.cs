using CommunityCluster.Core.Storage;

namespace CommunityCluster.Core.Tests;

public class ReplicationHealthSpecs
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static PhotoManifest Manifest(string id, int chunks, params string[] replicas) =>
        new(id, chunks * 1000L, "image/jpeg", id + ".jpg", Enumerable.Range(0, chunks).Select(i => new ChunkRef($"{id}-{i}", 1000)).ToList(),
            replicas, [], At, null);

    [Fact]
    public void Summary_should_count_missing_chunk_replicas_of_photos_on_dead_nodes()
    {
        PhotoManifest[] manifests =
        [
            Manifest("full", 2, "a", "b", "c"),
            Manifest("one-dead", 3, "a", "b", "dead"),
            Manifest("two-dead", 1, "a", "dead", "gone"),
            Manifest("deleted", 5, "dead") with { DeletedAt = At },
        ];

        var summary = ReplicationHealth.Summarize(manifests, new HashSet<string> { "a", "b", "c" }, target: 3);

        Assert.Equal(3, summary.Photos);
        Assert.Equal(6, summary.Chunks);
        Assert.Equal(2, summary.UnderReplicatedPhotos);
        Assert.Equal(3 * 1 + 1 * 2, summary.UnderReplicatedChunks);
        Assert.Equal(1, summary.DeletedAwaitingCleanup);
    }

    [Fact]
    public void Manifest_should_move_a_node_from_filling_to_holding_once()
    {
        var manifest = Manifest("p", 1, "a").WithPending("b", At);

        var done = manifest.WithReplica("b").WithReplica("b");

        Assert.Equal(["a", "b"], done.Replicas);
        Assert.Empty(done.Pending);
        Assert.Same(done, done.WithPending("b", At));
    }
}

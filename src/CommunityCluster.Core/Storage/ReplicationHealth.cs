namespace CommunityCluster.Core.Storage;

/// <summary>How one photo stands: replicas on live nodes against the target.</summary>
public sealed record PhotoReplication(PhotoManifest Manifest, int LiveReplicas, int Target)
{
    public int Missing => Math.Max(0, Target - LiveReplicas);

    public bool IsUnderReplicated => Missing > 0;

    /// <summary>Chunk replicas that must be made to reach the target.</summary>
    public long MissingChunkReplicas => (long)Missing * Manifest.Chunks.Count;
}

/// <summary>The community's storage at a glance, as <c>GET /api/storage/status</c> reports it.</summary>
public sealed record StorageSummary(
    int Photos,
    long Chunks,
    long Bytes,
    int UnderReplicatedPhotos,
    long UnderReplicatedChunks,
    int PendingReplicas,
    int DeletedAwaitingCleanup,
    int DerivedBlobs = 0);

/// <summary>
/// Compares manifests with the nodes that are alive now. A replica counts only while its node is
/// a live member; the target is the replication factor, lowered while the community has fewer
/// photos nodes than that (<see cref="Placement.EffectiveReplicas"/>).
/// </summary>
public static class ReplicationHealth
{
    public static PhotoReplication Assess(PhotoManifest manifest, IReadOnlySet<string> liveNodeIds, int target) =>
        new(manifest, manifest.Replicas.Count(liveNodeIds.Contains), manifest.TargetCopies(target));

    public static StorageSummary Summarize(IEnumerable<PhotoManifest> manifests, IReadOnlySet<string> liveNodeIds, int target)
    {
        int photos = 0, under = 0, pending = 0, deleted = 0, derived = 0;
        long chunks = 0, bytes = 0, underChunks = 0;
        foreach (var manifest in manifests)
        {
            if (manifest.IsDeleted)
            {
                deleted++;
                continue;
            }

            var replication = Assess(manifest, liveNodeIds, target);
            photos += manifest.IsPhoto ? 1 : 0;
            derived += manifest.IsPhoto ? 0 : 1;
            chunks += manifest.Chunks.Count;
            bytes += manifest.Size;
            pending += manifest.Pending.Count;
            if (replication.IsUnderReplicated)
            {
                under++;
                underChunks += replication.MissingChunkReplicas;
            }
        }

        return new StorageSummary(photos, chunks, bytes, under, underChunks, pending, deleted, derived);
    }
}

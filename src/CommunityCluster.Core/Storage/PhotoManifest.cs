namespace CommunityCluster.Core.Storage;

/// <summary>A node being filled with a photo's chunks, and since when (a stalled fill is retried elsewhere).</summary>
public sealed record PendingReplica(string NodeId, DateTimeOffset Since);

/// <summary>
/// Where a photo's bytes are: its chunks and the nodes (by stable node id, not address) that hold
/// every one of them. Kept in Distributed Data so any node reads it locally. A deleted photo keeps
/// its manifest as a tombstone, so a replica that was away when the photo was deleted still frees
/// the chunks when it returns. A blob rendered from a photo (a thumbnail) has a manifest too, with
/// <paramref name="DerivedFrom"/> naming the photo and usually a replication factor of its own,
/// since it can be rebuilt; both came later and default (null) in manifests written before.
/// </summary>
public sealed record PhotoManifest(
    string PhotoId,
    long Size,
    string ContentType,
    string FileName,
    IReadOnlyList<ChunkRef> Chunks,
    IReadOnlyList<string> Replicas,
    IReadOnlyList<PendingReplica> Pending,
    DateTimeOffset StoredAt,
    DateTimeOffset? DeletedAt,
    int? ReplicationFactor = null,
    string? DerivedFrom = null)
{
    public bool IsDeleted => DeletedAt is not null;

    /// <summary>A photo someone uploaded, rather than a blob rendered from one.</summary>
    public bool IsPhoto => DerivedFrom is null;

    /// <summary>
    /// Copies this manifest's content should have, given the community's target now: its own
    /// factor where it has one, never above the community's.
    /// </summary>
    public int TargetCopies(int communityTarget) =>
        ReplicationFactor is { } factor ? Math.Max(1, Math.Min(communityTarget, factor)) : communityTarget;

    public bool IsHeldBy(string nodeId) => Replicas.Contains(nodeId);

    public bool IsPendingOn(string nodeId) => Pending.Any(p => p.NodeId == nodeId);

    public PhotoManifest WithReplica(string nodeId) => this with
    {
        Replicas = Replicas.Contains(nodeId) ? Replicas : [.. Replicas, nodeId],
        Pending = [.. Pending.Where(p => p.NodeId != nodeId)],
    };

    public PhotoManifest WithPending(string nodeId, DateTimeOffset since) => IsHeldBy(nodeId) || IsPendingOn(nodeId)
        ? this
        : this with { Pending = [.. Pending, new PendingReplica(nodeId, since)] };

    public PhotoManifest WithoutNodes(IReadOnlyCollection<string> nodeIds) => this with
    {
        Replicas = [.. Replicas.Where(r => !nodeIds.Contains(r))],
        Pending = [.. Pending.Where(p => !nodeIds.Contains(p.NodeId))],
    };
}

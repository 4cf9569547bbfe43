namespace CommunityCluster.Core.Storage;

/// <summary>A node being filled with a photo's chunks, and since when (a stalled fill is retried elsewhere).</summary>
public sealed record PendingReplica(string NodeId, DateTimeOffset Since);

/// <summary>
/// Where a photo's bytes are: its chunks and the nodes (by stable node id, not address) that hold
/// every one of them. Kept in Distributed Data so any node reads it locally. A deleted photo keeps
/// its manifest as a tombstone, so a replica that was away when the photo was deleted still frees
/// the chunks when it returns.
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
    DateTimeOffset? DeletedAt)
{
    public bool IsDeleted => DeletedAt is not null;

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

using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Chunks;

namespace CommunityCluster.Photos.Entity;

/// <summary>A command to the photo entity whose id is the photo id.</summary>
public interface IPhotoCommand : IPhotoHubMessage
{
    string PhotoId { get; }
}

/// <summary>
/// Where should the chunks of a new upload go? Answered by <see cref="UploadPlan"/> or
/// <see cref="AlreadyStored"/>. <paramref name="Replicas"/> asks for fewer copies than the policy
/// (a rendered blob); null keeps the policy's. <paramref name="Avoid"/> names nodes the uploader
/// has tried already: it asks again for homes to replace pushes that failed (a full home).
/// </summary>
public sealed record PlanUpload(string PhotoId, long Size, int? Replicas = null, IReadOnlyList<string>? Avoid = null)
    : IPhotoCommand;

public sealed record ReplicaTarget(string NodeId, string HomeId, string Address);

public sealed record UploadPlan(string PhotoId, IReadOnlyList<ReplicaTarget> Targets, int WriteQuorum) : IPhotoHubMessageReply;

/// <summary>The same bytes are stored already: the upload answers with the existing photo.</summary>
public sealed record AlreadyStored(string PhotoId, PhotoManifest Manifest) : IPhotoHubMessageReply;

/// <summary>The write quorum holds every chunk: record the manifest. Other targets are still being filled.</summary>
public sealed record CommitUpload(
    string PhotoId,
    long Size,
    string ContentType,
    string FileName,
    IReadOnlyList<ChunkRef> Chunks,
    IReadOnlyList<string> Holders,
    IReadOnlyList<string> StillFilling,
    int? ReplicationFactor = null,
    string? DerivedFrom = null) : IPhotoCommand;

public sealed record UploadCommitted(string PhotoId, PhotoManifest Manifest) : IPhotoHubMessage;

/// <summary>A node now holds every chunk of the photo.</summary>
public sealed record ReplicaCompleted(string PhotoId, string NodeId) : IPhotoCommand;

/// <summary>
/// A node named to fill a copy cannot store it (its quota is reached): the entity forgets that
/// fill and gives the copy to another home at once, instead of waiting for the fill to stall.
/// </summary>
public sealed record FillDeclined(string PhotoId, string NodeId, string Reason) : IPhotoCommand;

/// <summary>Check the photo's replicas against the live nodes and start filling new ones where too few remain.</summary>
public sealed record EnsureReplication(string PhotoId) : IPhotoCommand;

public sealed record ReplicationEnsured(string PhotoId, int LiveReplicas, int Target, IReadOnlyList<string> NewTargets) : IPhotoHubMessage;

public sealed record DeletePhoto(string PhotoId) : IPhotoCommand;

public sealed record PhotoDeleted(string PhotoId) : IPhotoHubMessage;

public sealed record PhotoNotFound(string PhotoId) : IPhotoHubMessage;

/// <summary>
/// To a node's auditor: make this node hold every chunk of the photo, pulling from other replicas.
/// Carries the manifest as the sender wrote it, since the fill may arrive before gossip does.
/// </summary>
public sealed record FillReplica(string PhotoId, PhotoManifest? Manifest = null) : IPhotoHubMessage;

/// <summary>The answers to <see cref="PlanUpload"/>: <see cref="UploadPlan"/> or <see cref="AlreadyStored"/>.</summary>
public interface IPhotoHubMessageReply : IPhotoHubMessage;

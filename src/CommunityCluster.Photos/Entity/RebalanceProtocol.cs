using CommunityCluster.Photos.Chunks;

namespace CommunityCluster.Photos.Entity;

/// <summary>
/// The first half of a move (<see cref="Repair.Rebalancer"/>): fill a copy on <paramref name="NodeId"/>,
/// which covers the week better than the copy on <paramref name="Replaces"/>. The entity checks the
/// photo still has no fill running and the node none of its copies. Answered by <see cref="RebalanceStepTaken"/>.
/// </summary>
public sealed record MoveCopy(string PhotoId, string NodeId, string Replaces) : IPhotoCommand;

/// <summary>
/// The second half: forget the copy on <paramref name="NodeId"/>, since the photo holds more than its
/// target. The entity checks it still does. Answered by <see cref="RebalanceStepTaken"/>.
/// </summary>
public sealed record DropExtraCopy(string PhotoId, string NodeId) : IPhotoCommand;

/// <summary>Whether the entity took the step; <paramref name="Why"/> says why not.</summary>
public sealed record RebalanceStepTaken(string PhotoId, bool Taken, string Why) : IPhotoHubMessage;

using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Entity;

namespace CommunityCluster.Photos.Repair;

/// <summary>
/// Which of a node's pending fills its audit leaves to whoever started them (an uploader pushing,
/// or a <see cref="FillReplica"/> pull): pulling the same chunks alongside would double the
/// traffic on the home's link. A fill older than <see cref="PhotoEntity.StalledFillAfter"/> is
/// no one's any more, and the audit pulls it.
/// So is a fill planned before this node's auditor started: its uploader pushed to the run of the
/// node that was killed or stopped, and handed the failed push to that run's auditor, so no one
/// works on it (the soak's finding 1). Left alone, the photo stayed a copy short for the full
/// five minutes, since the planner counts the pending fill and the home came back with the same
/// node id. The clocks of two homes may differ by a few seconds; at worst the audit then pulls
/// alongside a push, which costs traffic but not correctness (chunk writes are idempotent).
/// And so is a fill already handed to this node's auditor: the push that had it is over, and the
/// auditor's own pull runs in the same actor as the audit, never beside it. Before, a pull that
/// gave up after its retries (a home cut off for a minute) also waited out the five minutes.
/// </summary>
public static class FreshFills
{
    /// <param name="auditorStarted">When this node's auditor (this run of the node) started.</param>
    /// <param name="handedOver">This run's auditor was sent the fill (<see cref="FillReplica"/>).</param>
    public static bool IsLeftToItsStarter(PhotoManifest manifest, string nodeId, DateTimeOffset now,
        DateTimeOffset auditorStarted, bool handedOver = false) =>
        !handedOver && manifest.Pending.Any(p => p.NodeId == nodeId && p.Since >= auditorStarted
            && now - p.Since < PhotoEntity.StalledFillAfter);
}

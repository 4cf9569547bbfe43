using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Repair;

namespace CommunityCluster.Photos.Tests;

/// <summary>
/// The soak's finding 1 (benchmarks/results/soak.md): a home killed while an uploader pushed to it
/// came back with the same node id; the push failed, the uploader's hand-over to the home's auditor
/// went to the dead run, and the new run's audit left the "fresh" fill alone, so the photo stayed
/// a copy short for up to <see cref="Entity.PhotoEntity.StalledFillAfter"/> (5 minutes).
/// </summary>
public class FreshFillsSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static PhotoManifest TwoCopiesAndAFillOn(string nodeId, DateTimeOffset since) =>
        new(new string('e', 64), 1000, "image/jpeg", "p.jpg", [new ChunkRef(new string('f', 64), 1000)], ["a", "b"],
            [new PendingReplica(nodeId, since)], Now, null);

    [Fact]
    public void FreshFills_should_leave_a_fill_planned_during_this_run_to_its_uploader()
    {
        var manifest = TwoCopiesAndAFillOn("d", since: Now.AddSeconds(-30));

        var left = FreshFills.IsLeftToItsStarter(manifest, "d", Now, auditorStarted: Now.AddMinutes(-10));

        Assert.True(left);
    }

    [Fact]
    public void FreshFills_should_hand_the_audit_a_fill_planned_before_this_node_restarted()
    {
        // Planned 40 s ago, pushed to the run that was killed; this run started 10 s ago.
        var manifest = TwoCopiesAndAFillOn("d", since: Now.AddSeconds(-40));

        var left = FreshFills.IsLeftToItsStarter(manifest, "d", Now, auditorStarted: Now.AddSeconds(-10));

        Assert.False(left);
    }

    [Fact]
    public void FreshFills_should_hand_the_audit_a_fill_already_handed_to_this_node()
    {
        // The push failed and the uploader sent FillReplica; its pull may have given up after its retries.
        var manifest = TwoCopiesAndAFillOn("d", since: Now.AddSeconds(-50));

        var left = FreshFills.IsLeftToItsStarter(manifest, "d", Now, auditorStarted: Now.AddMinutes(-10),
            handedOver: true);

        Assert.False(left);
    }

    [Fact]
    public void FreshFills_should_hand_the_audit_a_stalled_fill()
    {
        var manifest = TwoCopiesAndAFillOn("d", since: Now.AddMinutes(-6));

        var left = FreshFills.IsLeftToItsStarter(manifest, "d", Now, auditorStarted: Now.AddHours(-1));

        Assert.False(left);
    }

    [Fact]
    public void FreshFills_should_not_count_a_fill_on_another_node()
    {
        var manifest = TwoCopiesAndAFillOn("c", since: Now.AddSeconds(-30));

        var left = FreshFills.IsLeftToItsStarter(manifest, "d", Now, auditorStarted: Now.AddMinutes(-10));

        Assert.False(left);
    }
}

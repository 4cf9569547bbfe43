using Akka.Actor;

namespace CommunityCluster.Hosting;

/// <summary>
/// The exit codes of node and lighthouse processes, in one place for scripts and supervisors.
/// </summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A bad setting: one clear line on stderr, nothing started (DESIGN.md section 4).</summary>
    public const int BadSetting = 2;

    /// <summary>
    /// The cluster downed this member (unreachable too long, or the minority side of a
    /// partition). Non-zero so that a supervisor (container restart policy, systemd) restarts it,
    /// and it rejoins as a new incarnation.
    /// </summary>
    public const int Downed = 3;

    /// <summary>
    /// The code for a process whose actor system has stopped. Akka.Hosting sets -1 for both a
    /// downing and a requested leave; a requested leave (ccm, another member) is a clean exit here.
    /// </summary>
    public static int AfterShutdown(ActorSystem system) =>
        CoordinatedShutdown.Get(system).ShutdownReason is CoordinatedShutdown.ClusterDowningReason ? Downed : Success;
}

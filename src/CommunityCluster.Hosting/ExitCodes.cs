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
    /// A TLS handshake this member started failed: the peer's certificate, or this member's own,
    /// was refused (wrong CA, revoked, expired). Akka.Remote's own code for it: Akka ends the
    /// process with it when its shutdown runs to the end.
    /// </summary>
    public const int TlsRefused = 79;

    /// <summary>
    /// The code for a process whose actor system has stopped. Akka.Hosting sets -1 for both a
    /// downing and a requested leave; a requested leave (ccm, another member) is a clean exit here.
    /// </summary>
    public static int AfterShutdown(ActorSystem system) => ForReason(CoordinatedShutdown.Get(system).ShutdownReason);

    /// <summary>
    /// The code for a shutdown reason. A refused TLS handshake keeps Akka's 79: Akka exits with it
    /// itself, and the host returns after the same shutdown, so both must say 79 or the code
    /// depends on which finishes first (seen in CI: a refused node exited 0).
    /// </summary>
    public static int ForReason(CoordinatedShutdown.Reason? reason) => reason switch
    {
        CoordinatedShutdown.ClusterDowningReason => Downed,
        { ExitCode: TlsRefused } => TlsRefused,
        _ => Success,
    };
}

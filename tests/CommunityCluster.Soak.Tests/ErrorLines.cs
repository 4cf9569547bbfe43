using System.Text.RegularExpressions;

namespace CommunityCluster.Soak.Tests;

/// <summary>
/// Error-level lines of the processes' logs (Microsoft.Extensions.Logging's <c>fail:</c> and
/// <c>crit:</c>) that the soak's own faults explain. Every entry says which fault causes it; a
/// line matching none is a problem of the soak's report.
/// </summary>
public static partial class ErrorLines
{
    private static readonly (Regex Pattern, string Why)[] Explained =
    [
        // Akka remoting logs its writer's association ending at Error when the peer's process is
        // killed, stopped or restarted, or its link cut: the connection closes under it. Remoting
        // gates the address and the cluster's failure detector decides about the member.
        (EndpointDisassociated(), "a peer's process or link went away under the remoting endpoint"),

        // An association to a home that is cut off (its link down) or frozen gets no answer to
        // its handshake; remoting logs the timeout at Error and tries again later. It says
        // "Associate timed out" before the TCP connection is made, "Handshake timed out" after it
        // (seed 123, finding 6: home-2 frozen while home-3 dialled it).
        (AssociateTimedOut(), "a peer's link is down or its process frozen"),

        // The shard coordinator's home was cut off or frozen: it cannot reach a majority to
        // write its state, logs this at Error and retries; it is downed and moved, or the home
        // returns (seen with seed 123 while home-5, the coordinator's host, was cut off).
        (CoordinatorUpdateTimeout(), "the shard coordinator's own home was detached"),

        // Finding 7 (seed 41, 30 minutes): in the minutes after a "down all" (finding 5) every
        // member restarts as a new incarnation and repair rewrites hundreds of manifests at once.
        // Akka.NET's delta propagation puts every delta a peer has not had into one message, with
        // no size bound, and a message over the 128,000-byte frame (DESIGN fact 2) is dropped with
        // this line. Nothing is lost: the peer sees the gap in the delta sequence and takes those
        // keys by full-state gossip (5 keys a message); the soak's checks then find the same
        // manifests and catalog on every home. Reported in soak.md, not fixed in the product.
        (OversizedDelta(), "a burst of manifest updates after a down-all, caught up by gossip"),

        // A member the others have downed is quarantined by them; in the seconds before it exits 3
        // its remoting logs each refused association at Error (seed 44, home-1 and home-2).
        (Quarantined(), "a member downed by the others, just before it exits 3"),
    ];

    public static bool IsError(string line) =>
        line.Contains(" fail: ", StringComparison.Ordinal) || line.Contains(" crit: ", StringComparison.Ordinal);

    /// <summary>The reason an error line is expected, or null when nothing the soak did explains it.</summary>
    public static string? Explain(string line) =>
        Explained.FirstOrDefault(e => e.Pattern.IsMatch(line)).Why;

    [GeneratedRegex(@"/system/endpointManager/reliableEndpointWriter-[^\]]*/endpointWriter\] Disassociated Cause: "
        + @"Akka\.Remote\.EndpointDisassociatedException")]
    private static partial Regex EndpointDisassociated();

    [GeneratedRegex(@"/system/transports/akkaprotocolmanager\.tcp\.0/akkaProtocol-tcp[^\]]*\] No response from remote "
        + @"for outbound association\. (?:Associate|Handshake) timed out after")]
    private static partial Regex AssociateTimedOut();

    [GeneratedRegex(@"endpointWriter\] Transient association error \(association remains live\) Cause: "
        + @"Akka\.Remote\.OversizedPayloadException: Discarding oversized payload sent to \[[^\]]+\]: max allowed size "
        + @"128000 bytes, actual size of encoded Akka\.Actor\.ActorSelectionMessage-->Akka\.DistributedData\.Internal\.DeltaPropagation")]
    private static partial Regex OversizedDelta();

    [GeneratedRegex(@"endpointWriter[^\]]*\] AssociationError \[[^\]]+\] (?:<-|->) [^:]+:[^:]+:\d+: Error \[The remote "
        + @"system has quarantined this system\. No further associations to the remote system are possible until this system "
        + @"is restarted\.\]")]
    private static partial Regex Quarantined();

    [GeneratedRegex(@"Coordinator/singleton/coordinator\] [a-z-]+: The ShardCoordinator was unable to update a "
        + @"distributed state within 'updating-state-timeout'")]
    private static partial Regex CoordinatorUpdateTimeout();
}

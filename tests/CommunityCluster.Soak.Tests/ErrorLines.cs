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
    ];

    public static bool IsError(string line) =>
        line.Contains(" fail: ", StringComparison.Ordinal) || line.Contains(" crit: ", StringComparison.Ordinal);

    /// <summary>The reason an error line is expected, or null when nothing the soak did explains it.</summary>
    public static string? Explain(string line) =>
        Explained.FirstOrDefault(e => e.Pattern.IsMatch(line)).Why;

    [GeneratedRegex(@"/system/endpointManager/reliableEndpointWriter-[^\]]*/endpointWriter\] Disassociated Cause: "
        + @"Akka\.Remote\.EndpointDisassociatedException")]
    private static partial Regex EndpointDisassociated();
}

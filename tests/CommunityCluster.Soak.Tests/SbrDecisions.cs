using System.Globalization;
using System.Text.RegularExpressions;

namespace CommunityCluster.Soak.Tests;

/// <summary>
/// The split brain resolver's decisions as the members log them ("SBR took decision ... and is
/// downing [addresses]"). A home the resolver downed is explained even when no fault was on it:
/// seed 43 froze home-5, and the resolver downed home-4 with it as "indirectly connected" (it had
/// lost sight of home-5 while the others had not). Without faults the resolver decides nothing,
/// so a decision in a soak is always the consequence of one.
/// </summary>
public static partial class SbrDecisions
{
    /// <summary>
    /// The strategy of a decision logged in the window before <paramref name="at"/> that downed the
    /// address, or null.
    /// </summary>
    public static string? Downing(IEnumerable<string> logs, string address, DateTime at, TimeSpan window)
    {
        foreach (var line in logs.SelectMany(log => log.Split('\n')))
        {
            var decision = Decision().Match(line);
            if (!decision.Success || !DateTime.TryParseExact(decision.Groups["time"].Value, "yyyy-MM-dd HH:mm:ss.fff",
                    CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                    out var time))
                continue;

            var downed = decision.Groups["downed"].Value.Split(", ");
            if (time <= at && at - time <= window && downed.Contains(address, StringComparer.Ordinal))
                return decision.Groups["strategy"].Value;
        }

        return null;
    }

    [GeneratedRegex(@"^(?<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) .*SBR took decision "
        + @"Akka\.Cluster\.SBR\.(?<strategy>\w+) and is downing \[(?<downed>[^\]]*)\]")]
    private static partial Regex Decision();
}

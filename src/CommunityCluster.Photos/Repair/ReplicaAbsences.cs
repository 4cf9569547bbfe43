using CommunityCluster.Core.Availability;
using CommunityCluster.Core.Settings;
using CommunityCluster.Discovery;

namespace CommunityCluster.Photos.Repair;

/// <summary>
/// What repair knows of the homes that are not live: each one's week as last published, judged
/// against the policy's grace at the week clock's now. Built once per scan or repair request.
/// </summary>
public sealed class ReplicaAbsences(IReadOnlyDictionary<string, HomeWeek> weeks, DateTimeOffset now, TimeSpan grace)
{
    public static readonly ReplicaAbsences None =
        new(new Dictionary<string, HomeWeek>(StringComparer.Ordinal), DateTimeOffset.MinValue, TimeSpan.Zero);

    public static ReplicaAbsences Of(IReadOnlyDictionary<string, HomeWeek> weeks, StoragePolicy policy) =>
        new(weeks, policy.Clock.Now, policy.Grace);

    /// <summary>A replica's node is away as usual or as announced: its copy still counts.</summary>
    public bool IsResting(string nodeId) =>
        weeks.TryGetValue(nodeId, out var week) && AbsenceJudge.Judge(week.AsAbsence, now, grace) == Absence.Resting;

    public HomeWeek? WeekOf(string nodeId) => weeks.GetValueOrDefault(nodeId);

    /// <summary>
    /// Nothing is known of the replica's home, or it has been gone longer than any week explains
    /// (<see cref="AbsenceJudge.LongestRest"/>): its copy may be forgotten. A home judged lost but
    /// known may still come back with its disk; its copy stays listed (not counted) until then.
    /// </summary>
    public bool IsForgotten(string nodeId) =>
        !weeks.TryGetValue(nodeId, out var week) || now - week.LastSeen > AbsenceJudge.LongestRest;
}

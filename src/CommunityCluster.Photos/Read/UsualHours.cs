using CommunityCluster.Core.Availability;
using CommunityCluster.Discovery;
using CommunityCluster.Photos.Repair;

namespace CommunityCluster.Photos.Read;

/// <summary>
/// A home's usual hours as people read them beside a replica: the week as a chart and a line,
/// its chance of being on at this hour of the week, and whether, while it is not live, its copy
/// still counts because it is away as usual or as announced.
/// </summary>
/// <param name="Summary">Hours on per day, Monday first (<see cref="WeekProfile.Summary"/>).</param>
/// <param name="Chart">Seven lines of 24 glyphs, Monday first, hours in UTC (<see cref="WeekProfile.Chart"/>).</param>
/// <param name="ChanceNow">The learned chance that the home is on in this hour of the week.</param>
/// <param name="OffHours">The schedule the home announced, empty if none.</param>
/// <param name="AbsentUntil">The end of an announced absence, if one was announced.</param>
/// <param name="Resting">Not live now, but away as usual or as announced: repair leaves it alone.</param>
/// <param name="AwayAsAnnounced">Resting within an announced absence, judged on the week clock.</param>
public sealed record UsualHours(
    string Summary,
    IReadOnlyList<string> Chart,
    double ChanceNow,
    string OffHours,
    DateTimeOffset? AbsentUntil,
    bool Resting,
    bool AwayAsAnnounced)
{
    /// <summary>
    /// The durable week (which outlives membership) first, else the week in the live profile;
    /// null when the home published none, as a node that predates the week model.
    /// </summary>
    public static UsualHours? Of(string nodeId, bool live, StorageNode? node, ReplicaAbsences absences,
        DateTimeOffset now)
    {
        var published = absences.WeekOf(nodeId);
        var week = published?.Week ?? node?.Profile.Week;
        if (week is null)
            return null;

        var resting = !live && absences.IsResting(nodeId);
        return new UsualHours(week.Summary(), week.Chart(), Math.Round(week.ChanceAt(now), 2),
            published?.OffHours ?? "", published?.AbsentUntil, resting,
            resting && published?.AbsentUntil is { } until && until > now);
    }

    /// <summary>What a replica's home is doing, in a word or two for a table.</summary>
    public static string Describe(UsualHours? hours, bool live, string state)
    {
        if (live || hours is not { Resting: true })
            return state;

        return hours.AwayAsAnnounced
            ? $"asleep until {hours.AbsentUntil:yyyy-MM-dd HH:mm}Z"
            : "away as usual";
    }
}

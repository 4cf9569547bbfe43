namespace CommunityCluster.Core.Availability;

/// <summary>What is known of a home that is not live now, as it last published it.</summary>
/// <param name="LastSeen">The last time it said it was on (week-clock time).</param>
/// <param name="AbsentUntil">An announced absence (<c>ccm node sleep</c>) ending then, if any.</param>
public sealed record HomeAbsence(WeekProfile Week, DateTimeOffset LastSeen, DateTimeOffset? AbsentUntil);

/// <summary>Whether the replicas on a home that is not live still count.</summary>
public enum Absence
{
    /// <summary>Away as usual or as announced: its replicas count, nothing is repaired.</summary>
    Resting,

    /// <summary>Away beyond its pattern for longer than the grace: its replicas no longer count.</summary>
    Lost,
}

/// <summary>
/// Tells an absence that costs no repair from one that does. An announced absence rests until
/// it ends, plus the grace. Otherwise the measure is the online hours the home's own week says it
/// should have had since it was last seen, Σ chance(slot) × hours: a home off through its usual
/// night misses almost none, a home dark through its usual evening misses about one per hour. Once
/// the missed hours pass the grace, the home is lost. A home nothing is known about is lost at once,
/// as before placement knew hours.
/// </summary>
public static class AbsenceJudge
{
    /// <summary>Beyond this, no week pattern explains an absence.</summary>
    public static readonly TimeSpan LongestRest = TimeSpan.FromDays(30);

    public static Absence Judge(HomeAbsence? home, DateTimeOffset now, TimeSpan grace)
    {
        if (home is null || now - home.LastSeen > LongestRest)
            return Absence.Lost;

        if (home.AbsentUntil is { } until && now < until + grace)
            return Absence.Resting;

        var from = home.AbsentUntil is { } end && end > home.LastSeen ? end : home.LastSeen;
        return MissedOnlineHours(home.Week, from, now) > grace.TotalHours ? Absence.Lost : Absence.Resting;
    }

    /// <summary>The hours a home with this week would usually have been on over [from, to).</summary>
    public static double MissedOnlineHours(WeekProfile week, DateTimeOffset from, DateTimeOffset to) =>
        WeekSlots.Pieces(from, to).Sum(piece => week.ChanceAt(piece.Start) * piece.Length.TotalHours);
}

namespace CommunityCluster.Core.Availability;

/// <summary>
/// The week as 168 hour slots, Monday 00:00 UTC being slot 0. UTC, so that every home and every
/// deciding node agree on what a slot means; announced schedules are converted from local time.
/// </summary>
public static class WeekSlots
{
    public const int Count = 168;

    /// <summary>A Monday at midnight UTC: week numbers count from it.</summary>
    public static readonly DateTimeOffset Origin = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static int SlotOf(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var day = ((int)utc.DayOfWeek + 6) % 7;
        return day * 24 + utc.Hour;
    }

    public static long WeekOf(DateTimeOffset time) =>
        (long)Math.Floor((time - Origin).TotalDays / 7);

    /// <summary>The start of the hour slot that contains <paramref name="time"/>.</summary>
    public static DateTimeOffset SlotStart(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>
    /// Cuts [from, to) at every hour boundary, so each piece lies in one slot of one week.
    /// </summary>
    public static IEnumerable<(DateTimeOffset Start, TimeSpan Length)> Pieces(DateTimeOffset from, DateTimeOffset to)
    {
        var start = from;
        while (start < to)
        {
            var next = SlotStart(start).AddHours(1);
            var end = next < to ? next : to;
            yield return (start, end - start);
            start = end;
        }
    }
}

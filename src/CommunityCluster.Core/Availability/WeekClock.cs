namespace CommunityCluster.Core.Availability;

/// <summary>
/// The time that the week model and repair reason in. At scale 1 it is the wall clock; a replay
/// test runs it faster (scale 1200: an hour in 3 s) so that a week passes in minutes. Scaled time
/// starts at <see cref="ScaleOrigin"/> at the start of the wall clock's UTC week (Monday 00:00), so
/// nodes with the same scale started in the same week agree without talking to each other, and a
/// week of wall clock at the largest scale (100,000: about 1,900 years) stays inside DateTimeOffset's
/// range. A replay that runs across Monday 00:00 UTC sees nodes started on either side disagree
/// (with the day's start as origin, as before, that happened every midnight).
/// </summary>
public sealed class WeekClock(double scale)
{
    /// <summary>A Monday: scaled time runs from here.</summary>
    public static readonly DateTimeOffset ScaleOrigin = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private readonly DateTimeOffset _wallOrigin = WeekSlots.SlotStart(DateTimeOffset.UtcNow)
        - TimeSpan.FromHours(WeekSlots.SlotOf(DateTimeOffset.UtcNow));

    public static WeekClock RealTime { get; } = new(1);

    public double Scale { get; } = scale > 0 ? scale : 1;

    public DateTimeOffset Now => At(DateTimeOffset.UtcNow);

    public DateTimeOffset At(DateTimeOffset wallClock) => Scale == 1
        ? wallClock
        : ScaleOrigin + (wallClock - _wallOrigin) * Scale;

    /// <summary>How long a span of this clock's time lasts on the wall clock.</summary>
    public TimeSpan ToWallClock(TimeSpan span) => span / Scale;
}

namespace CommunityCluster.Core.Availability;

/// <summary>
/// The time that the week model and repair reason in. At scale 1 it is the wall clock; a replay
/// test runs it faster (scale 1200: an hour in 3 s) so that a week passes in minutes. Scaled time
/// starts at <see cref="ScaleOrigin"/> at the start of the wall clock's UTC day, so nodes with the
/// same scale started on the same day agree without talking to each other, and a day of wall
/// clock at the largest scale (100,000) stays inside DateTimeOffset's range. A replay that runs
/// across midnight UTC sees nodes started on either side disagree: start them together.
/// </summary>
public sealed class WeekClock(double scale)
{
    /// <summary>A Monday: scaled time runs from here.</summary>
    public static readonly DateTimeOffset ScaleOrigin = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private readonly DateTimeOffset _wallOrigin = new(DateTime.UtcNow.Date, TimeSpan.Zero);

    public static WeekClock RealTime { get; } = new(1);

    public double Scale { get; } = scale > 0 ? scale : 1;

    public DateTimeOffset Now => At(DateTimeOffset.UtcNow);

    public DateTimeOffset At(DateTimeOffset wallClock) => Scale == 1
        ? wallClock
        : ScaleOrigin + (wallClock - _wallOrigin) * Scale;

    /// <summary>How long a span of this clock's time lasts on the wall clock.</summary>
    public TimeSpan ToWallClock(TimeSpan span) => span / Scale;
}

namespace CommunityCluster.Core.Availability;

/// <summary>
/// The time that the week model and repair reason in. At scale 1 it is the wall clock; a replay
/// test runs it faster (scale 1200: an hour in 3 s) so that a week passes in minutes. Every node
/// derives it from the wall clock and the same fixed origin, so nodes with the same scale agree
/// without talking to each other.
/// </summary>
public sealed class WeekClock(double scale)
{
    /// <summary>A Monday: scaled time runs from here, so it stays far inside DateTimeOffset's range.</summary>
    public static readonly DateTimeOffset ScaleOrigin = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static WeekClock RealTime { get; } = new(1);

    public double Scale { get; } = scale > 0 ? scale : 1;

    public DateTimeOffset Now => At(DateTimeOffset.UtcNow);

    public DateTimeOffset At(DateTimeOffset wallClock) => Scale == 1
        ? wallClock
        : ScaleOrigin + (wallClock - ScaleOrigin) * Scale;

    /// <summary>How long a span of this clock's time lasts on the wall clock.</summary>
    public TimeSpan ToWallClock(TimeSpan span) => span / Scale;
}

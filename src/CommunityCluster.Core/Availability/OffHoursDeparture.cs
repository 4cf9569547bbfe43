namespace CommunityCluster.Core.Availability;

/// <summary>
/// When a home that announced its off hours leaves by itself: at the first check inside an off
/// window after it has been seen on. A home started inside its off hours stays (its owner started
/// it on purpose, or a supervisor restarted it: leaving again at once would loop) until its next
/// window begins. Checks come every few minutes of week time, so it leaves within one check of the
/// window's start. Not thread-safe: its owner is an actor.
/// </summary>
public sealed class OffHoursDeparture(WeekSchedule schedule)
{
    private bool _seenOn;

    /// <summary>True once, when the home should leave now, until the time given in <paramref name="until"/>.</summary>
    public bool ShouldLeave(DateTimeOffset now, out DateTimeOffset until)
    {
        until = default;
        if (!schedule.IsOffAt(now))
        {
            _seenOn = true;
            return false;
        }

        if (!_seenOn)
            return false;

        _seenOn = false;
        until = schedule.OffUntil(now);
        return true;
    }
}

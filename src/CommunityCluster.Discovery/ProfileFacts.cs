using CommunityCluster.Core.Availability;

namespace CommunityCluster.Discovery;

/// <summary>
/// What a node knows about itself at start; the publisher adds what changes (free space, hours).
/// <paramref name="LeaveAtOffHours"/>: leave the community when the announced off hours begin.
/// </summary>
public sealed record ProfileFacts(
    string NodeId,
    string HomeId,
    IReadOnlyList<string> Roles,
    string DataDirectory,
    long StorageQuotaBytes,
    string Version,
    DateTimeOffset StartedAt,
    IStorageGauge? Storage = null,
    WeekSchedule? OffHours = null,
    WeekClock? Clock = null,
    bool LeaveAtOffHours = false)
{
    public WeekClock ClockOrReal => Clock ?? WeekClock.RealTime;
}

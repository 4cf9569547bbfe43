using Akka.Actor;
using Akka.Cluster;

namespace CommunityCluster.Hosting;

/// <summary>
/// Decides when a home should ask whether it sits on an island: a cluster that has held none of
/// its seeds for <see cref="ClusterTimings.IslandGrace"/>. Pure, so it is tested with hand-made
/// memberships; <see cref="IslandGuard"/> does the asking and the leaving.
/// </summary>
public sealed class IslandJudge
{
    private readonly IReadOnlySet<Address> _seeds;
    private readonly TimeSpan _grace;
    private readonly TimeSpan _firstRetry;
    private readonly TimeSpan _longestRetry;
    private DateTime? _seedsAbsentSince;
    private DateTime _nextAsk = DateTime.MinValue;
    private TimeSpan _retry;

    /// <param name="seeds">The seeds this home joins through, itself left out.</param>
    /// <param name="grace">How long no seed may be a member before the seeds are asked.</param>
    /// <param name="firstRetry">The wait after an ask that got no answer; it doubles after each.</param>
    /// <param name="longestRetry">The longest wait between asks, so a lighthouse switched off for
    /// hours costs one failed connection a minute, not one every few seconds.</param>
    public IslandJudge(IEnumerable<Address> seeds, TimeSpan grace, TimeSpan firstRetry, TimeSpan longestRetry)
    {
        _seeds = seeds.ToHashSet();
        _grace = grace;
        _firstRetry = firstRetry;
        _longestRetry = longestRetry;
        _retry = firstRetry;
    }

    public IReadOnlySet<Address> Seeds => _seeds;

    /// <summary>
    /// Looks at this home's view of the membership. True when no seed has been a member (downed
    /// ones do not count) for the whole grace period while this home was Up.
    /// </summary>
    public bool SeedsAbsentLongEnough(
        MemberStatus selfStatus, IEnumerable<(Address Address, MemberStatus Status)> members, DateTime now)
    {
        if (_seeds.Count == 0 || selfStatus != MemberStatus.Up || HasSeed(members))
        {
            _seedsAbsentSince = null;
            _nextAsk = DateTime.MinValue;
            _retry = _firstRetry;
            return false;
        }

        _seedsAbsentSince ??= now;
        return now - _seedsAbsentSince.Value >= _grace;
    }

    /// <summary>
    /// True when the seeds may be asked now (call after <see cref="SeedsAbsentLongEnough"/> said
    /// true): at once the first time, then after waits that double up to the longest.
    /// </summary>
    public bool TakeAskTurn(DateTime now)
    {
        if (now < _nextAsk)
            return false;

        _nextAsk = now + _retry;
        _retry = TimeSpan.FromTicks(Math.Min(_retry.Ticks * 2, _longestRetry.Ticks));
        return true;
    }

    /// <summary>The seeds absent since, for the log line that explains a leave.</summary>
    public TimeSpan AbsentFor(DateTime now) => _seedsAbsentSince is { } since ? now - since : TimeSpan.Zero;

    private bool HasSeed(IEnumerable<(Address Address, MemberStatus Status)> members) =>
        members.Any(m => _seeds.Contains(m.Address) && m.Status is not (MemberStatus.Down or MemberStatus.Removed));
}

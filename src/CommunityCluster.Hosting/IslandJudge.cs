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
    private DateTime? _seedsAbsentSince;

    /// <param name="seeds">The seeds this home joins through, itself left out.</param>
    public IslandJudge(IEnumerable<Address> seeds, TimeSpan grace)
    {
        _seeds = seeds.ToHashSet();
        _grace = grace;
    }

    public IReadOnlySet<Address> Seeds => _seeds;

    /// <summary>
    /// Looks at this home's view of the membership. True when no seed has been a member (downed
    /// ones do not count) for the whole grace period while this home was Up; the caller then
    /// asks the seeds whether they are alive elsewhere.
    /// </summary>
    public bool ShouldAskSeeds(MemberStatus selfStatus, IEnumerable<(Address Address, MemberStatus Status)> members, DateTime now)
    {
        if (_seeds.Count == 0 || selfStatus != MemberStatus.Up || HasSeed(members))
        {
            _seedsAbsentSince = null;
            return false;
        }

        _seedsAbsentSince ??= now;
        return now - _seedsAbsentSince.Value >= _grace;
    }

    /// <summary>The seeds absent since, for the log line that explains a leave.</summary>
    public TimeSpan AbsentFor(DateTime now) => _seedsAbsentSince is { } since ? now - since : TimeSpan.Zero;

    private bool HasSeed(IEnumerable<(Address Address, MemberStatus Status)> members) =>
        members.Any(m => _seeds.Contains(m.Address) && m.Status is not (MemberStatus.Down or MemberStatus.Removed));
}

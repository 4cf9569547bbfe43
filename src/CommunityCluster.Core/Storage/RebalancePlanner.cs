namespace CommunityCluster.Core.Storage;

/// <summary>What the background rebalancer does with one photo now.</summary>
public enum RebalanceAction
{
    /// <summary>Placed well enough, or not the rebalancer's business now (a fill runs, copies are missing).</summary>
    None,

    /// <summary>Add a copy on <see cref="RebalanceDecision.NodeId"/>: the first half of a move.</summary>
    Fill,

    /// <summary>Forget the copy on <see cref="RebalanceDecision.NodeId"/>: the photo holds more than its target.</summary>
    Drop,
}

/// <param name="NodeId">The node to fill, or to drop.</param>
/// <param name="Replaces">For a fill, the replica it is meant to replace (dropped once the fill is complete).</param>
/// <param name="HoursNow">Expected hours of the week in which every copy is off, as placed now.</param>
/// <param name="HoursAfter">The same once the move is done.</param>
public sealed record RebalanceDecision(
    RebalanceAction Action, string? NodeId, string? Replaces, double HoursNow, double HoursAfter)
{
    public static readonly RebalanceDecision None = new(RebalanceAction.None, null, null, 0, 0);
}

/// <summary>
/// Decides, for one photo, whether chunks should move because the homes' weeks changed since it
/// was placed. A move is two steps that never lower the number of copies:
/// <list type="number">
/// <item>Fill: when the photo has exactly its target of copies and no fill running, each replica
/// in turn is taken out and coverage placement (<see cref="CoveragePlacement.Choose"/>, with its
/// fairness on room and load) draws the home that would complete the others; the swap that
/// leaves the fewest all-off hours is proposed, and only when it saves at least
/// <paramref name="minGainHours"/> of them a week, so weeks that wobble do not make copies churn.</item>
/// <item>Drop: when the photo holds more than its target and no fill runs, the copy whose loss
/// leaves the fewest all-off hours is dropped, but only when every copy that stays is on a live
/// home (the count that remains is then whole and awake); otherwise the drop waits.</item>
/// </list>
/// The drop also trims a copy that repair added while a home was judged lost and that came back.
/// </summary>
public static class RebalancePlanner
{
    /// <summary>All-off hours a week a move must save: about one evening a fortnight is not worth the bytes.</summary>
    public const double DefaultMinGainHours = 2.0;

    /// <param name="replicas">The photo's holders, each with its week (room does not matter here).</param>
    /// <param name="fillsRunning">Fills of this photo not finished yet.</param>
    /// <param name="liveIds">Nodes Up and reachable now.</param>
    /// <param name="candidates">Live homes that could take a copy, with their room, load and week.</param>
    public static RebalanceDecision Decide(
        IReadOnlyList<PlacementCandidate> replicas, int fillsRunning, IReadOnlySet<string> liveIds,
        IEnumerable<PlacementCandidate> candidates, int target, long photoBytes, string photoId,
        double minGainHours = DefaultMinGainHours)
    {
        if (fillsRunning > 0 || replicas.Count < target || target < 1)
            return RebalanceDecision.None;

        var hoursNow = CoveragePlacement.ExpectedAllOffHours(replicas.Select(r => r.Week));
        return replicas.Count > target
            ? DropOne(replicas, liveIds, hoursNow)
            : BestSwap(replicas, candidates.ToList(), photoBytes, photoId, hoursNow, minGainHours);
    }

    private static RebalanceDecision DropOne(IReadOnlyList<PlacementCandidate> replicas, IReadOnlySet<string> liveIds,
        double hoursNow)
    {
        // The best drop by hours, whatever is live: when the copies it keeps are not all live, wait.
        // Choosing among the live ones only would drop the home asleep now, often the very one that
        // covers the others' hours (a workday home, dropped on a workday, leaves three sleepers).
        var best = replicas
            .Select(dropped => (Dropped: dropped, Staying: replicas.Where(r => r != dropped).ToList()))
            .Select(o => (o.Dropped, o.Staying,
                Hours: Math.Round(CoveragePlacement.ExpectedAllOffHours(o.Staying.Select(r => r.Week)), 3)))
            .OrderBy(o => o.Hours)
            .ThenBy(o => o.Staying.All(r => liveIds.Contains(r.NodeId)) ? 0 : 1)
            .ThenBy(o => o.Dropped.NodeId, StringComparer.Ordinal)
            .First();

        return best.Staying.All(r => liveIds.Contains(r.NodeId))
            ? new RebalanceDecision(RebalanceAction.Drop, best.Dropped.NodeId, null, hoursNow, best.Hours)
            : RebalanceDecision.None;
    }

    private static RebalanceDecision BestSwap(IReadOnlyList<PlacementCandidate> replicas,
        List<PlacementCandidate> candidates, long photoBytes, string photoId, double hoursNow, double minGainHours)
    {
        var holders = replicas.Select(r => r.NodeId).ToHashSet(StringComparer.Ordinal);
        var best = RebalanceDecision.None with { HoursAfter = hoursNow };
        foreach (var replaced in replicas)
        {
            var kept = replicas.Where(r => r != replaced).ToList();
            var keptHomes = kept.Select(r => r.HomeId).ToHashSet(StringComparer.Ordinal);

            // A copy never moves into a home that already holds one: a home lost would take both.
            var open = candidates.Where(c => !keptHomes.Contains(c.HomeId));
            var drawn = CoveragePlacement.Choose(open, 1, photoBytes, photoId, holders, kept);
            if (drawn.Count == 0)
                continue;

            var hours = CoveragePlacement.ExpectedAllOffHours([.. kept.Select(r => r.Week), drawn[0].Week]);
            if (hours < best.HoursAfter)
                best = new RebalanceDecision(RebalanceAction.Fill, drawn[0].NodeId, replaced.NodeId, hoursNow, hours);
        }

        return best.Action == RebalanceAction.Fill && hoursNow - best.HoursAfter >= minGainHours
            ? best
            : RebalanceDecision.None;
    }
}

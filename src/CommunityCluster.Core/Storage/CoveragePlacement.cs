using CommunityCluster.Core.Availability;

namespace CommunityCluster.Core.Storage;

/// <summary>
/// Chooses replicas so that a photo stays readable through the homes' usual off hours.
/// The measure is the expected number of hours of the week in which every replica is off,
/// Σ over the 168 slots of Π (1 − chance online), homes being taken as independent.
/// <list type="number">
/// <item>Hard rules as in <see cref="Placement"/>: room for the photo, distinct homes first
/// (homes of <c>kept</c> replicas count as used).</item>
/// <item>The first replica of a photo with none is drawn by free shared space alone: every home
/// gets first replicas in proportion to its room, whatever its hours.</item>
/// <item>Each next replica is drawn among the homes still open with a weight of free space ×
/// e^(−extra / τ) × e^(−<see cref="LoadPenalty"/> × excess load), where extra is how many more
/// all-off hours the set would keep than with the best candidate, τ = <see cref="ToleranceHours"/>,
/// and excess load is how far the node's share of used space is above the candidates' mean.</item>
/// </list>
/// Fairness, then: a candidate that covers almost as well as the best competes with it on room
/// and load, and a home that already holds more than its share (an always-on NAS that every set
/// would like) loses weight as it fills, so it cannot end up holding everything. The draw is
/// seeded by the photo id: the same inputs give the same answer on every node.
/// </summary>
public static class CoveragePlacement
{
    /// <summary>Extra all-off hours a candidate may leave and still weigh 1/e of the best.</summary>
    public const double ToleranceHours = 0.75;

    /// <summary>Weight lost per unit of load above the mean: at 1.1× the mean a home keeps 1/e.</summary>
    public const double LoadPenalty = 10.0;

    public static IReadOnlyList<PlacementCandidate> Choose(
        IEnumerable<PlacementCandidate> candidates, int replicas, long photoBytes, string photoId,
        IReadOnlyCollection<string>? exclude = null, IReadOnlyList<PlacementCandidate>? kept = null)
    {
        var random = new Random(Placement.StableSeed(photoId));
        var all = candidates.OrderBy(c => c.NodeId, StringComparer.Ordinal).ToList();
        var open = all
            .Where(c => c.FreeSharedBytes >= photoBytes && (exclude is null || !exclude.Contains(c.NodeId)))
            .ToList();
        var meanLoad = all.Count == 0 ? 0 : all.Average(Load);
        var offTogether = Enumerable.Repeat(1.0, WeekSlots.Count).ToArray();
        var usedHomes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var replica in kept ?? [])
        {
            usedHomes.Add(replica.HomeId);
            Cover(offTogether, replica.Week);
        }

        var chosen = new List<PlacementCandidate>();
        while (chosen.Count < replicas && open.Count > 0)
        {
            var newHomes = open.Where(c => !usedHomes.Contains(c.HomeId)).ToList();
            var pool = newHomes.Count > 0 ? newHomes : open;
            var first = chosen.Count == 0 && (kept is null || kept.Count == 0);
            var pick = first ? Draw(pool, c => Room(c), random) : DrawByCoverage(pool, offTogether, meanLoad, random);

            chosen.Add(pick);
            usedHomes.Add(pick.HomeId);
            open.Remove(pick);
            Cover(offTogether, pick.Week);
        }

        return chosen;
    }

    /// <summary>Expected hours of the week in which every one of these homes is off.</summary>
    public static double ExpectedAllOffHours(IEnumerable<WeekProfile?> weeks)
    {
        var off = Enumerable.Repeat(1.0, WeekSlots.Count).ToArray();
        foreach (var week in weeks)
            Cover(off, week);

        return off.Sum();
    }

    private static PlacementCandidate DrawByCoverage(
        List<PlacementCandidate> pool, double[] offTogether, double meanLoad, Random random)
    {
        var left = pool.ToDictionary(c => c.NodeId, c => AllOffWith(offTogether, c.Week), StringComparer.Ordinal);
        var best = left.Values.Min();

        return Draw(pool, c =>
        {
            var excess = meanLoad > 0 ? Math.Max(0, Load(c) / meanLoad - 1) : 0;
            return Room(c) * Math.Exp(-(left[c.NodeId] - best) / ToleranceHours - LoadPenalty * excess);
        }, random);
    }

    private static double AllOffWith(double[] offTogether, WeekProfile? week)
    {
        var profile = week ?? WeekProfile.Neutral;
        var sum = 0.0;
        for (var slot = 0; slot < WeekSlots.Count; slot++)
            sum += offTogether[slot] * (1 - profile.Chance(slot));

        return sum;
    }

    private static void Cover(double[] offTogether, WeekProfile? week)
    {
        var profile = week ?? WeekProfile.Neutral;
        for (var slot = 0; slot < WeekSlots.Count; slot++)
            offTogether[slot] *= 1 - profile.Chance(slot);
    }

    private static double Room(PlacementCandidate candidate) => Math.Max(1, candidate.FreeSharedBytes);

    private static double Load(PlacementCandidate candidate)
    {
        var total = (double)candidate.UsedBytes + candidate.FreeSharedBytes;
        return total <= 0 ? 0 : candidate.UsedBytes / total;
    }

    private static PlacementCandidate Draw(
        List<PlacementCandidate> pool, Func<PlacementCandidate, double> weight, Random random)
    {
        var weights = pool.Select(weight).ToArray();
        var target = random.NextDouble() * weights.Sum();
        for (var i = 0; i < pool.Count; i++)
        {
            target -= weights[i];
            if (target <= 0)
                return pool[i];
        }

        return pool[^1];
    }
}

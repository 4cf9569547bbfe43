using CommunityCluster.Core.Availability;

namespace CommunityCluster.Core.Storage;

/// <summary>
/// A node that could hold a replica, as its profile describes it. <paramref name="Week"/> (its
/// usual online hours; null: not known, taken as neutral) and <paramref name="UsedBytes"/> serve
/// coverage placement only.
/// </summary>
public sealed record PlacementCandidate(
    string NodeId, string HomeId, long FreeSharedBytes, WeekProfile? Week = null, long UsedBytes = 0);

/// <summary>
/// Chooses the nodes that hold a photo's replicas:
/// 1. never a node whose free shared space (quota minus use) cannot take the photo;
/// 2. distinct homes first: a second replica in the same home only when there are fewer homes
///    with room than replicas wanted;
/// 3. among the homes still open, weighted by free shared capacity, so that fuller nodes fill
///    more slowly and no single big disk takes everything.
/// The random draw is seeded by the photo id, so the same photo gets the same answer everywhere.
/// </summary>
public static class Placement
{
    public static IReadOnlyList<PlacementCandidate> Choose(
        IEnumerable<PlacementCandidate> candidates, int replicas, long photoBytes, string photoId,
        IReadOnlyCollection<string>? exclude = null)
    {
        var random = new Random(StableSeed(photoId));
        var open = candidates
            .Where(c => c.FreeSharedBytes >= photoBytes && (exclude is null || !exclude.Contains(c.NodeId)))
            .OrderBy(c => c.NodeId, StringComparer.Ordinal)
            .ToList();
        var chosen = new List<PlacementCandidate>();
        var usedHomes = new HashSet<string>(StringComparer.Ordinal);

        while (chosen.Count < replicas && open.Count > 0)
        {
            var newHomes = open.Where(c => !usedHomes.Contains(c.HomeId)).ToList();
            var pick = WeightedPick(newHomes.Count > 0 ? newHomes : open, random);
            chosen.Add(pick);
            usedHomes.Add(pick.HomeId);
            open.Remove(pick);
        }

        return chosen;
    }

    /// <summary>The replication factor a community can meet: fewer only while it has fewer photos nodes.</summary>
    public static int EffectiveReplicas(int replicationFactor, int photosNodes) => Math.Max(1, Math.Min(replicationFactor, photosNodes));

    private static PlacementCandidate WeightedPick(List<PlacementCandidate> pool, Random random)
    {
        var total = pool.Sum(c => (double)Math.Max(1, c.FreeSharedBytes));
        var target = random.NextDouble() * total;
        foreach (var candidate in pool)
        {
            target -= Math.Max(1, candidate.FreeSharedBytes);
            if (target <= 0)
                return candidate;
        }

        return pool[^1];
    }

    internal static int StableSeed(string text)
    {
        var hash = 17;
        foreach (var c in text)
            hash = unchecked(hash * 31 + c);
        return hash;
    }
}

using CommunityCluster.Core.Availability;
using CommunityCluster.Core.Storage;

namespace CommunityCluster.Testing.Availability;

/// <summary>What one placement mode achieved over the evaluated week.</summary>
/// <param name="ReadableShare">Photo-hours in which at least one replica's home was on.</param>
/// <param name="UnreadableHours">Hours of the week a photo was unreadable, on average.</param>
/// <param name="MaxLoadOverMean">Replicas of the fullest home over the mean per home.</param>
/// <param name="AlwaysOnShare">Share of all replicas on always-on homes.</param>
/// <param name="AlwaysOnHomeShare">Share of the homes that are always on (the fair share of replicas).</param>
public sealed record SimulationResult(
    PlacementMode Mode, int Replicas, double ReadableShare, double UnreadableHours, double MaxLoadOverMean,
    double AlwaysOnShare, double AlwaysOnHomeShare);

/// <summary>
/// Issue 10's simulation: homes learn their weeks over <c>learningWeeks</c> (each home records
/// its own hours in a <see cref="WeekModel"/>), photos are uploaded at random hours of the last
/// learning week to the homes that are on at that moment, as a real upload is, then every photo
/// is checked hour by hour over the next week (with fresh random outages).
/// </summary>
public static class PlacementSimulation
{
    private const long PhotoBytes = 5_000_000;
    private const long QuotaBytes = 20_000_000_000;

    public static SimulationResult Run(
        PlacementMode mode, int homes, int replicas, int photos, int seed, int learningWeeks = 4)
    {
        var community = HomeSchedules.Generate(homes, learningWeeks + 1, seed);
        var weeks = community.Select(h => Learn(h, learningWeeks)).ToList();
        var used = new long[homes];
        var random = new Random(seed * 7919 + replicas);
        var evaluationStart = learningWeeks * 168;
        var placements = new List<int[]>();

        for (var p = 0; p < photos; p++)
        {
            var hour = evaluationStart - 168 + random.Next(168);
            var online = Enumerable.Range(0, homes).Where(i => community[i].OnByHour[hour]).ToList();
            var candidates = online.Select(i => new PlacementCandidate(
                community[i].HomeId, community[i].HomeId, QuotaBytes - used[i], weeks[i], used[i]));
            var chosen = mode.Choose(candidates, replicas, PhotoBytes, $"photo-{seed}-{p}")
                .Select(c => community.ToList().FindIndex(h => h.HomeId == c.HomeId)).ToArray();
            foreach (var i in chosen)
                used[i] += PhotoBytes;

            placements.Add(chosen);
        }

        return Score(mode, replicas, community, placements, used, evaluationStart);
    }

    private static WeekProfile Learn(SimulatedHome home, int learningWeeks)
    {
        var model = new WeekModel();
        for (var hour = 0; hour < learningWeeks * 168; hour++)
        {
            var start = WeekSlots.Origin.AddHours(hour);
            model.Record(start, start.AddHours(1), home.OnByHour[hour]);
        }

        return model.Profile(WeekSlots.Origin.AddHours(learningWeeks * 168));
    }

    private static SimulationResult Score(
        PlacementMode mode, int replicas, IReadOnlyList<SimulatedHome> community, List<int[]> placements,
        long[] used, int evaluationStart)
    {
        var readable = 0L;
        foreach (var chosen in placements)
            for (var hour = evaluationStart; hour < evaluationStart + 168; hour++)
                readable += chosen.Any(i => community[i].OnByHour[hour]) ? 1 : 0;

        var share = readable / (168.0 * placements.Count);
        var mean = used.Average();
        var alwaysOn = Enumerable.Range(0, community.Count).Where(i => community[i].Habit == HomeHabit.AlwaysOn).ToList();
        return new SimulationResult(mode, replicas, share, (1 - share) * 168, mean == 0 ? 0 : used.Max() / mean,
            alwaysOn.Sum(i => (double)used[i]) / used.Sum(), alwaysOn.Count / (double)community.Count);
    }
}

using CommunityCluster.Core.Availability;
using CommunityCluster.Core.Settings;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Photos.Read;
using CommunityCluster.Photos.Repair;

namespace CommunityCluster.Photos;

/// <summary>
/// Every home's week and how readable the photos are, for <c>GET /api/community/weeks</c> and the
/// community page. Property names are that route's JSON contract.
/// </summary>
/// <param name="WeekNow">The week clock's now (runs faster than the wall clock under TIME_SCALE).</param>
/// <param name="SlotNow">Its hour of the week, 0 = Monday 00:00 UTC.</param>
public sealed record CommunityWeeks(
    DateTimeOffset WeekNow,
    int SlotNow,
    IReadOnlyList<HomeWeekView> Homes,
    Readability Readable);

/// <summary>One home as the page draws it; <paramref name="Chances"/> are the 168 slots, 0 to 1.</summary>
public sealed record HomeWeekView(
    string NodeId,
    string HomeId,
    bool Live,
    IReadOnlyList<double> Chances,
    IReadOnlyList<string> Chart,
    string Summary,
    double ExpectedOffHours,
    string OffHours,
    DateTimeOffset? LastSeen,
    DateTimeOffset? AbsentUntil,
    bool Resting,
    int Photos);

/// <param name="Now">Share of photos with a replica on a live home now (1 when there are no photos).</param>
/// <param name="Week">
/// Share of the week's hours in which a photo has a replica whose home is on, averaged over photos:
/// expected from the learned weeks (the last week weighs most), not counted from past reads.
/// </param>
/// <param name="UnreadableHoursWeek">The same as hours per photo: 168 × (1 − week).</param>
public sealed record Readability(int Photos, double Now, double Week, double UnreadableHoursWeek);

/// <summary>Builds <see cref="CommunityWeeks"/> from the manifests, the live nodes and the durable weeks.</summary>
public sealed class CommunityWeeksReport(ManifestDirectory manifests, StorageNodes nodes, StoragePolicy policy)
{
    public async Task<CommunityWeeks> BuildAsync(CancellationToken cancel)
    {
        var photos = (await manifests.AllAsync().WaitAsync(cancel)).Where(m => !m.IsDeleted && m.IsPhoto).ToList();
        var snapshot = await nodes.SnapshotAsync().WaitAsync(cancel);
        var published = await nodes.WeeksAsync().WaitAsync(cancel);
        var absences = ReplicaAbsences.Of(published, policy);
        var now = policy.Clock.Now;

        var weeks = new Dictionary<string, WeekProfile>(StringComparer.Ordinal);
        foreach (var (id, week) in published)
            weeks[id] = week.Week;
        foreach (var node in snapshot.Values.Where(n => n.Profile.Week is not null && !weeks.ContainsKey(n.NodeId)))
            weeks[node.NodeId] = node.Profile.Week!;

        var liveIds = StorageNodes.LiveIds(snapshot);
        var homes = weeks
            .Select(pair => Home(pair.Key, pair.Value, snapshot.GetValueOrDefault(pair.Key), liveIds, absences,
                photos.Count(m => m.IsHeldBy(pair.Key)), now))
            .OrderBy(h => h.HomeId, StringComparer.Ordinal)
            .ThenBy(h => h.NodeId, StringComparer.Ordinal)
            .ToList();

        return new CommunityWeeks(now, WeekSlots.SlotOf(now), homes, Readable(photos, weeks, liveIds));
    }

    private static HomeWeekView Home(string nodeId, WeekProfile week, StorageNode? node, IReadOnlySet<string> liveIds,
        ReplicaAbsences absences, int photos, DateTimeOffset now)
    {
        var live = liveIds.Contains(nodeId);
        var published = absences.WeekOf(nodeId);
        var hours = UsualHours.Of(nodeId, live, node, absences, now)!;
        return new HomeWeekView(nodeId, node?.HomeId ?? published?.HomeId ?? nodeId, live,
            [.. Enumerable.Range(0, WeekSlots.Count).Select(s => Math.Round(week.Chance(s), 3))],
            hours.Chart, hours.Summary, Math.Round(week.ExpectedOffHours, 1), hours.OffHours,
            published?.LastSeen, published?.AbsentUntil, hours.Resting, photos);
    }

    /// <summary>
    /// A photo is readable in an hour unless every replica's home is off: 1 − Π (1 − chance), the
    /// measure placement minimises. A home with no published week counts as neutral.
    /// </summary>
    private static Readability Readable(IReadOnlyList<Core.Storage.PhotoManifest> photos,
        IReadOnlyDictionary<string, WeekProfile> weeks, IReadOnlySet<string> liveIds)
    {
        if (photos.Count == 0)
            return new Readability(0, 1, 1, 0);

        var now = photos.Count(m => m.Replicas.Any(liveIds.Contains)) / (double)photos.Count;
        var week = photos.Average(m => Enumerable.Range(0, WeekSlots.Count).Average(slot =>
            1 - m.Replicas.Aggregate(1.0, (off, id) => off * (1 - weeks.GetValueOrDefault(id, WeekProfile.Neutral)
                .Chance(slot)))));
        return new Readability(photos.Count, Math.Round(now, 4), Math.Round(week, 4),
            Math.Round(WeekSlots.Count * (1 - week), 1));
    }
}

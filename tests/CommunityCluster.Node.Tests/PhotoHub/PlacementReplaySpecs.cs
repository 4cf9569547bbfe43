using System.Globalization;
using CommunityCluster.Core.Availability;
using CommunityCluster.Testing;
using CommunityCluster.Testing.Availability;
using Xunit.Abstractions;

namespace CommunityCluster.Node.Tests.PhotoHub;

/// <summary>
/// Issue 10's replay on real node processes: two communities of the same seeded homes, one placing
/// by coverage of the week and one at random, side by side in one run. Every home announces its
/// usual off hours; the replay turns homes off (a graceful stop) and on (a start with the same
/// disk) hour by hour as their schedule says, outages included, with the week clock running
/// <see cref="TimeScale"/> times fast. Photos are uploaded first, with every home on; in every
/// simulated hour every photo is read once from a home that is awake. At the end every home wakes
/// and every photo must read byte-identical in both communities.
/// The short run suits CI (about 3 minutes); PLACEMENT_REPLAY_HOURS (e.g. 168) makes the long one,
/// which also writes benchmarks/results/placement-replay.md. PLACEMENT_REPLAY_RF sets the factor (2).
/// </summary>
public sealed class PlacementReplaySpecs(ITestOutputHelper output) : IDisposable
{
    /// <summary>An hour of the week in 6 s: a node restarts in a fraction of an hour.</summary>
    private const double TimeScale = 600;

    private const int ShortHours = 16;
    private const int Homes = 6;
    private const int PhotoCount = 12;

    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ReadWithin = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(20);

    private readonly TestFolder _folder = new(nameof(PlacementReplaySpecs));
    private readonly List<TestFolder> _communityFolders = [];

    public void Dispose()
    {
        _communityFolders.ForEach(f => f.Dispose());
        _folder.Dispose();
    }

    [Fact]
    public async Task Replay_should_measure_reads_by_coverage_and_at_random_in_one_run_and_lose_nothing()
    {
        var longHours = Environment.GetEnvironmentVariable("PLACEMENT_REPLAY_HOURS");
        var hours = longHours is null ? ShortHours : int.Parse(longHours, CultureInfo.InvariantCulture);
        var factor = int.Parse(Environment.GetEnvironmentVariable("PLACEMENT_REPLAY_RF") ?? "2",
            CultureInfo.InvariantCulture);
        var homes = HomeSchedules.Generate(Homes, weeks: 4, seed: 10);
        var photos = Enumerable.Range(0, PhotoCount)
            .Select(i => TestPhotos.RandomFile(_folder.Combine("photos"), $"r{i}.jpg", 120_000 + i * 10_000, 1000 + i))
            .ToList();

        await using var coverage = await StartAndUploadAsync("coverage", homes, factor, photos);
        await using var random = await StartAndUploadAsync("random", homes, factor, photos);
        var result = await ReplayAsync([coverage, random], photos, hours);

        output.WriteLine(result.Table());
        if (longHours is not null)
            await WriteFiguresAsync(result.Markdown(factor, homes));
        foreach (var community in new[] { coverage, random })
        {
            await community.WakeEveryHomeAsync(ReadyWithin);
            await Eventually.Until(async () => (await community.Nodes[0].UnreadableAsync(photos)).Count == 0,
                ReadyWithin, $"every photo to read byte-identical with every home awake ({community.Placement})");
        }

        Assert.Equal(hours * PhotoCount, result.Reads("coverage"));
        Assert.Equal(hours * PhotoCount, result.Reads("random"));

        // The shares are figures, not a verdict: on a loaded machine a reader that stalls for an hour
        // fails every read of its community, which would flip a short run's comparison by chance.
    }

    private async Task<ReplayCommunity> StartAndUploadAsync(string placement, IReadOnlyList<SimulatedHome> homes,
        int factor, IReadOnlyList<TestPhoto> photos)
    {
        var folder = new TestFolder($"{nameof(PlacementReplaySpecs)}-{placement}");
        _communityFolders.Add(folder);
        var community = await ReplayCommunity.StartAsync(folder, placement, homes, factor, TimeScale, ReadyWithin);
        try
        {
            var first = community.Nodes[0];
            await Eventually.Until(async () => (await first.StorageStatusAsync()).GetProperty("nodes")
                .GetArrayLength() == homes.Count, ReadyWithin, $"{placement}: every home's photos node to be known");
            await first.UploadAllAsync(photos);
            await Eventually.Until(first.StorageStatusAsync,
                s => s.GetProperty("underReplicatedChunks").GetInt64() == 0
                    && s.GetProperty("repairsRunning").GetInt32() == 0,
                ReadyWithin, $"{placement}: every copy", s => $"{s}");
            return community;
        }
        catch
        {
            folder.Keep = true;
            await community.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Hour by hour on the nodes' own week clock: at each hour's start the homes change as the
    /// last week of the schedule says; at six tenths of it, once starts have settled, the reads.
    /// </summary>
    private async Task<ReplayResult> ReplayAsync(IReadOnlyList<ReplayCommunity> communities,
        IReadOnlyList<TestPhoto> photos, int hours)
    {
        var clock = new WeekClock(TimeScale);
        var first = WeekSlots.SlotStart(clock.Now) + TimeSpan.FromHours(1);
        var result = new ReplayResult(WeekSlots.SlotOf(first), hours);
        for (var step = 0; step < hours; step++)
        {
            var start = first + TimeSpan.FromHours(step);
            var slot = WeekSlots.SlotOf(start);
            var awake = communities[0].Homes.Select(h => h.OnByHour[3 * WeekSlots.Count + slot]).ToList();
            await UntilAsync(clock, start);
            await Task.WhenAll(communities.Select(c => c.SetAwakeAsync(awake, StopWithin)));
            await UntilAsync(clock, start + TimeSpan.FromHours(0.6));
            var reads = await Task.WhenAll(communities.Select(c => c.ReadEveryPhotoAsync(photos, ReadWithin)));
            for (var i = 0; i < communities.Count; i++)
                result.Add(communities[i].Placement, slot, awake.Count(a => a), reads[i].Count(r => r), reads[i].Count);
            result.Lag = Max(result.Lag, clock.Now - start);
            output.WriteLine($"slot {slot}: {awake.Count(a => a)} homes awake; "
                + string.Join(", ", communities.Select((c, i) => $"{c.Placement} {reads[i].Count(r => r)}")));
        }

        return result;
    }

    /// <summary>Adds the run's section to benchmarks/results/placement-replay.md: RF 2 and 3 side by side.</summary>
    private static async Task WriteFiguresAsync(string section)
    {
        var path = Path.Combine(Binaries.RepositoryRoot, "benchmarks", "results", "placement-replay.md");
        if (!File.Exists(path))
            await File.WriteAllTextAsync(path, ReplayResult.MarkdownHeader);
        await File.AppendAllTextAsync(path, section);
    }

    /// <summary>Waits for the week clock to reach a time: a schedule, not a guess at how long work takes.</summary>
    private static async Task UntilAsync(WeekClock clock, DateTimeOffset time)
    {
        var wait = clock.ToWallClock(time - clock.Now);
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

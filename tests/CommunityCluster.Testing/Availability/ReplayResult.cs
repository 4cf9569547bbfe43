using System.Globalization;
using System.Text;

namespace CommunityCluster.Testing.Availability;

/// <summary>
/// What a placement replay counted, by placement and hour. A read that failed while no home
/// holding the photo was on (by the schedule) is a miss: the placement's fault. One that failed
/// while a holder was on is counted apart: a home just restarted, or a reader the loaded machine
/// stalled past the read's deadline; it says nothing about placement, and is reported, not hidden.
/// </summary>
public sealed class ReplayResult(int firstSlot, int hours)
{
    private readonly List<Hour> _hours = [];

    /// <summary>How far behind its week clock the replay fell at worst (more than an hour distorts it).</summary>
    public TimeSpan Lag { get; set; }

    public void Add(string placement, int slot, IReadOnlyList<string> awakeHomes, IReadOnlyList<PhotoRead> reads)
    {
        var failed = reads.Where(r => !r.Read).ToList();
        var missed = failed.Count(r => !r.Holders.Any(awakeHomes.Contains));
        _hours.Add(new Hour(placement, slot, reads.Count, reads.Count - failed.Count, missed, failed.Count - missed));
    }

    public int Reads(string placement) => Of(placement).Sum(h => h.Tried);

    /// <summary>The share of reads whose photo had a holder on: what placement decides.</summary>
    public double Readable(string placement) =>
        (double)Of(placement).Sum(h => h.Tried - h.Missed) / Math.Max(1, Reads(placement));

    /// <summary>Hours in which at least one photo had no holder on.</summary>
    public int HoursWithAMiss(string placement) => Of(placement).Count(h => h.Missed > 0);

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{hours} simulated hours from slot {firstSlot}, worst lag {Lag.TotalHours:0.00} h"));
        text.AppendLine("| placement | reads | readable (a holder on) | hours with a miss | read in time "
            + "| failed with a holder on |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var placement in _hours.Select(h => h.Placement).Distinct())
        {
            var tried = Reads(placement);
            var read = Of(placement).Sum(h => h.Read);
            var missed = Of(placement).Sum(h => h.Missed);
            var failedOn = Of(placement).Sum(h => h.FailedWithHolderOn);
            text.Append(Invariant($"| {placement} | {tried} | {tried - missed} ({Readable(placement) * 100:0.00} %) "));
            text.AppendLine(Invariant(
                $"| {HoursWithAMiss(placement)} | {read} ({100.0 * read / Math.Max(1, tried):0.00} %) | {failedOn} |"));
        }

        return text.ToString();
    }

    /// <summary>The file's title and how it is made, written once above the runs' sections.</summary>
    public const string MarkdownHeader =
        "# Placement replay on real node processes\n\n"
        + "Made by `PLACEMENT_REPLAY_HOURS=<hours> PLACEMENT_REPLAY_RF=<factor> dotnet test -c Release "
        + "tests/CommunityCluster.Node.Tests --filter FullyQualifiedName~PlacementReplaySpecs`; each run adds a "
        + "section with its homes, an hour in 6 s, every photo read once an hour from an awake home.\n";

    /// <summary>One run's section: its factor, homes, photos, start, lag and table.</summary>
    public string Markdown(int factor, IReadOnlyList<SimulatedHome> homes, int photos, string mix) =>
        Invariant($"\n## Replication factor {factor}, {hours} hours, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC\n\n")
        + Invariant($"Homes ({mix}): {string.Join(", ", homes.Select(h => $"{h.HomeId} {h.Habit}"))}; {photos} photos.\n\n")
        + Table();

    private IEnumerable<Hour> Of(string placement) => _hours.Where(h => h.Placement == placement);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Hour(string Placement, int Slot, int Tried, int Read, int Missed, int FailedWithHolderOn);
}

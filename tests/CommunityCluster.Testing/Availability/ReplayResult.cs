using System.Globalization;
using System.Text;

namespace CommunityCluster.Testing.Availability;

/// <summary>What a placement replay counted: reads tried and read in full, by placement and hour.</summary>
public sealed class ReplayResult(int firstSlot, int hours)
{
    private readonly List<(string Placement, int Slot, int Awake, int Read, int Tried)> _hours = [];

    /// <summary>How far behind its week clock the replay fell at worst (more than an hour distorts it).</summary>
    public TimeSpan Lag { get; set; }

    public void Add(string placement, int slot, int awake, int read, int tried) =>
        _hours.Add((placement, slot, awake, read, tried));

    public int Reads(string placement) => _hours.Where(h => h.Placement == placement).Sum(h => h.Tried);

    public double Share(string placement) =>
        (double)_hours.Where(h => h.Placement == placement).Sum(h => h.Read) / Math.Max(1, Reads(placement));

    /// <summary>Hours in which at least one photo could not be read.</summary>
    public int HoursWithAMiss(string placement) => _hours.Count(h => h.Placement == placement && h.Read < h.Tried);

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{hours} simulated hours from slot {firstSlot}, worst lag {Lag.TotalHours:0.00} h"));
        text.AppendLine("| placement | reads | read | share | hours with a miss |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var placement in _hours.Select(h => h.Placement).Distinct())
        {
            var read = _hours.Where(h => h.Placement == placement).Sum(h => h.Read);
            var share = Share(placement) * 100;
            text.AppendLine(Invariant(
                $"| {placement} | {Reads(placement)} | {read} | {share:0.00} % | {HoursWithAMiss(placement)} |"));
        }

        return text.ToString();
    }

    /// <summary>The file's title and how it is made, written once above the runs' sections.</summary>
    public const string MarkdownHeader =
        "# Placement replay on real node processes\n\n"
        + "Made by `PLACEMENT_REPLAY_HOURS=<hours> PLACEMENT_REPLAY_RF=<factor> dotnet test -c Release "
        + "tests/CommunityCluster.Node.Tests --filter FullyQualifiedName~PlacementReplaySpecs`; each run adds a "
        + "section. Homes from `HomeSchedules.Generate(6, 4 weeks, seed 10)`, the fourth week replayed, "
        + "an hour in 6 s, every photo (12) read once an hour from an awake home.\n";

    /// <summary>One run's section: its factor, homes, start, lag and table.</summary>
    public string Markdown(int factor, IReadOnlyList<SimulatedHome> homes) =>
        Invariant($"\n## Replication factor {factor}, {hours} hours, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC\n\n")
        + Invariant($"Homes: {string.Join(", ", homes.Select(h => $"{h.HomeId} {h.Habit}"))}.\n\n")
        + Table();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

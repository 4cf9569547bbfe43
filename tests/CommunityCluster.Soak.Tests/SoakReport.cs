using System.Globalization;
using System.Text;

namespace CommunityCluster.Soak.Tests;

/// <summary>The soak's figures as Markdown: what it did, what it injected, how repair went, and any loss.</summary>
public static class SoakReport
{
    public static string Render(SoakOptions options, string mode, SoakFigures figures, TimeSpan took)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var episodes = figures.RepairEpisodes.ToList();
        text.AppendLine(c, $"# Soak, seed {options.Seed}, {options.Duration.TotalMinutes:0.##} min")
            .AppendLine()
            .AppendLine(c, $"- replay: `CC_SOAK_MINUTES={options.Duration.TotalMinutes:0.##} "
                + $"CC_SOAK_SEED={options.Seed} {Command}`")
            .AppendLine(c, $"- mode: {mode}; {options.Homes} homes and a lighthouse")
            .AppendLine(c, $"- whole run, start and checks included: {took.TotalMinutes:0.0} min")
            .AppendLine(c, $"- uploads acknowledged: {figures.UploadsAcknowledged}, not: {figures.UploadsFailed}")
            .AppendLine(c, $"- reads byte-identical: {figures.ReadsOk}, failed: {figures.ReadsFailed}")
            .AppendLine(c, $"- faults injected: {Faults(figures)}")
            .AppendLine(c, $"- members downed (exit 3) and restarted: {SelfDowned(figures)}")
            .AppendLine(c, $"- longest time a photo was unreadable: {Unreadable(figures)}")
            .AppendLine(c, $"- under-replication episodes: {episodes.Count}; repair took {Spread(episodes)}")
            .AppendLine(c, $"- repair after the final heal: {Seconds(figures.FinalRepair)}")
            .AppendLine("- replica fills still pending then (the check then waits for none): "
                + figures.PendingFillsAfterRepair.ToString(c))
            .AppendLine(c, $"- error lines explained by the allow-list: {figures.ExplainedErrorLines}")
            .AppendLine(c, $"- photos lost or altered, and other problems: {figures.Problems.Count}");
        foreach (var problem in figures.Problems)
            text.AppendLine(c, $"  - {problem.Replace("\n", "\n    ", StringComparison.Ordinal)}");
        return text.ToString();
    }

    private const string Command = "nice -n 15 dotnet test tests/CommunityCluster.Soak.Tests -c Release";

    private static string SelfDowned(SoakFigures figures) => figures.SelfDowned.IsEmpty
        ? "0"
        : $"{figures.SelfDowned.Count} ({string.Join("; ", figures.SelfDowned)})";

    private static string Faults(SoakFigures figures) => figures.Faults.IsEmpty
        ? "none"
        : string.Join(", ", figures.Faults.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => $"{f.Key} {f.Value}"))
            + $" (total {figures.Faults.Values.Sum()})";

    private static string Unreadable(SoakFigures figures) => figures.LongestUnreadablePhoto is null
        ? "none seen (every failed read was followed by a good one at once, or no read failed)"
        : $"{figures.LongestUnreadable.TotalSeconds:0.0} s ({figures.LongestUnreadablePhoto[..12]})";

    private static string Spread(List<(TimeSpan At, TimeSpan Took, long MostChunks)> episodes)
    {
        if (episodes.Count == 0)
            return "nothing";

        var took = episodes.Select(e => e.Took.TotalSeconds).Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"median {took[took.Count / 2]:0} s, longest {took[^1]:0} s, most chunk replicas missing at once "
            + $"{episodes.Max(e => e.MostChunks)}");
    }

    private static string Seconds(TimeSpan? took) => took is { } t
        ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0} s")
        : "not reached";
}

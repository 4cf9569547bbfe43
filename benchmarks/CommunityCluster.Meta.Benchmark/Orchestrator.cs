using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CommunityCluster.Testing;

namespace CommunityCluster.Meta.Benchmark;

/// <summary>
/// Starts the community on loopback, writes the records on the first node, measures, and writes
/// <c>benchmarks/results/metahub.md</c>. Bounded: every wait has a deadline and the whole run
/// stops after <see cref="Budget"/>; member processes are killed on the way out.
/// </summary>
internal static partial class Orchestrator
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(25);

    public static async Task<int> RunAsync(string[] args)
    {
        var records = Option(args, "--records", 100_000);
        var nodes = Option(args, "--nodes", 5);
        var catchUp = !args.Contains("--no-catch-up");
        using var deadline = new CancellationTokenSource(Budget);
        using var folder = new TestFolder("metahub-benchmark");
        var members = new List<MemberProcess>();
        var report = new Report(records, nodes, catchUp, string.Join(' ', args));

        try
        {
            var ports = Enumerable.Range(0, nodes).Select(_ => FreePorts.Next()).ToList();
            var seed = $"akka.tcp://community@127.0.0.1:{ports[0]}";
            for (var i = 0; i < nodes - 1; i++)
            {
                members.Add(MemberProcess.Start($"node-{i + 1}", ports[i], seed, folder.Combine($"node-{i + 1}"), catchUp));
                await members[^1].ReadyAsync(deadline.Token);
            }

            foreach (var member in members)
                report.HeapBefore[member.Name] = await member.HeapAsync(deadline.Token);

            var written = await members[0].AskAsync($"write {records} benchmark", "@written", deadline.Token);
            report.WriteMs = long.Parse(written[1], CultureInfo.InvariantCulture);
            report.KeysNotReplicated = int.Parse(written[2], CultureInfo.InvariantCulture);
            var settle = Stopwatch.StartNew();
            foreach (var member in members)
                await member.CountUntilAsync(records, deadline.Token);
            report.AllEarlyNodesListMs = settle.ElapsedMilliseconds;

            var late = MemberProcess.Start($"node-{nodes}", ports[^1], seed, folder.Combine($"node-{nodes}"), catchUp);
            members.Add(late);
            var joinWatch = Stopwatch.StartNew();
            await late.ReadyAsync(deadline.Token);
            report.LateUpMs = joinWatch.ElapsedMilliseconds;
            await late.CountUntilAsync(records, deadline.Token);
            report.LateListsAllMs = joinWatch.ElapsedMilliseconds;

            foreach (var member in members)
                report.HeapAfter[member.Name] = await member.HeapAsync(deadline.Token);
            report.BaselineForLate = report.HeapBefore.Values.Order().ElementAt(report.HeapBefore.Count / 2);
        }
        catch (OperationCanceledException)
        {
            report.Note = $"stopped at the budget of {Budget.TotalMinutes} minutes before the end";
        }
        finally
        {
            foreach (var member in members)
                await member.StopAsync();
        }

        foreach (var member in members)
            report.LogFindings[member.Name] = OversizedLines(member.LogPath);

        var markdown = report.ToMarkdown();
        var path = Path.Combine(Binaries.RepositoryRoot, "benchmarks", "results", "metahub.md");
        await File.WriteAllTextAsync(path, markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"written to {path}");
        return report.Note is null && report.LogFindings.Values.All(f => f.Count == 0) ? 0 : 1;
    }

    private static List<string> OversizedLines(string logPath) =>
        [.. File.ReadLines(logPath).Where(l => OversizedPattern().IsMatch(l)).Take(5)];

    [GeneratedRegex("oversized|frame size|maximum-frame-size|Discarding", RegexOptions.IgnoreCase)]
    private static partial Regex OversizedPattern();

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed class Report(int records, int nodes, bool catchUp, string arguments)
    {
        public Dictionary<string, long> HeapBefore { get; } = [];

        public Dictionary<string, long> HeapAfter { get; } = [];

        public Dictionary<string, List<string>> LogFindings { get; } = [];

        public long BaselineForLate { get; set; }

        public long WriteMs { get; set; }

        public int KeysNotReplicated { get; set; }

        public long AllEarlyNodesListMs { get; set; }

        public long LateUpMs { get; set; }

        public long LateListsAllMs { get; set; }

        public string? Note { get; set; }

        public string ToMarkdown()
        {
            var text = new StringBuilder();
            var inv = CultureInfo.InvariantCulture;
            text.AppendLine("# MetaHub benchmark").AppendLine();
            text.AppendLine(inv, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores (shared), .NET {Environment.Version}, loopback only.");
            text.AppendLine(inv, $"Command: `dotnet run -c Release --project benchmarks/CommunityCluster.Meta.Benchmark -- {arguments}`").AppendLine();
            text.AppendLine(inv, $"{records:N0} synthetic records written on node-1 of {nodes - 1} member processes; node-{nodes} joins after they all list them.");
            text.AppendLine(inv, $"Catch-up of an empty node: {(catchUp ? "on (reads every key from one other node, 8 at a time)" : "off (gossip only)")}.").AppendLine();
            if (Note is not null)
                text.AppendLine(inv, $"**{Note}**").AppendLine();

            text.AppendLine("| figure | value |").AppendLine("|---|---|");
            text.AppendLine(inv, $"| write {records:N0} records on node-1 (4096 keys, every replica acknowledging) | {WriteMs / 1000.0:0.0} s |");
            text.AppendLine(inv, $"| keys whose write did not reach every replica in time (spread later) | {KeysNotReplicated} |");
            text.AppendLine(inv, $"| until every early node lists all of them, after the write | {AllEarlyNodesListMs / 1000.0:0.0} s |");
            text.AppendLine(inv, $"| late joiner: process start to Up | {LateUpMs / 1000.0:0.0} s |");
            text.AppendLine(inv, $"| late joiner: process start to listing all {records:N0} | {LateListsAllMs / 1000.0:0.0} s |").AppendLine();

            text.AppendLine("GC heap after a full compacting collection, per member process:").AppendLine();
            text.AppendLine("| node | before | after | catalog | per record |").AppendLine("|---|---|---|---|---|");
            foreach (var (name, after) in HeapAfter.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var before = HeapBefore.TryGetValue(name, out var b) ? b : BaselineForLate;
                var note = HeapBefore.ContainsKey(name) ? "" : " (median of the others' empty heaps)";
                text.AppendLine(inv, $"| {name} | {before / 1e6:0.0} MB{note} | {after / 1e6:0.0} MB | {(after - before) / 1e6:0.0} MB | {(after - before) / (double)records:0} B |");
            }

            text.AppendLine().AppendLine("Log lines about oversized payloads or frame sizes, per node (akka.remote logs a dropped message at Warning or above):").AppendLine();
            foreach (var (name, lines) in LogFindings.OrderBy(p => p.Key, StringComparer.Ordinal))
                text.AppendLine(inv, $"- {name}: {(lines.Count == 0 ? "none" : string.Join(" / ", lines))}");

            return text.ToString();
        }
    }
}

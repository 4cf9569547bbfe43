using System.Diagnostics;
using CommunityCluster.Testing;

namespace CommunityCluster.Soak.Tests;

/// <summary>
/// The promise checked once everything is healed: every home back, a whole membership, repair
/// finished, every acknowledged photo byte-identical from every home, one catalog everywhere,
/// and no error line the faults do not explain. Each failure is added to the problems.
/// </summary>
public sealed class SoakChecks(SoakCommunity community, SoakJournal journal, SoakFigures figures)
{
    private static readonly TimeSpan Ask = TimeSpan.FromSeconds(30);

    public async Task RunAsync(TimeSpan repairWithin)
    {
        await Step("every home ready and every member Up and reachable in every view", WholeMembershipAsync);
        var repair = Stopwatch.StartNew();
        await Step("repair finished: no chunk under-replicated, no fill pending", () => RepairedAsync(repairWithin));
        figures.FinalRepair = repair.Elapsed;
        await Step("every acknowledged photo byte-identical from every home", EveryPhotoEverywhereAsync);
        await Step("the same catalog on every home, holding every acknowledged photo", OneCatalogAsync);
        CheckLogs();
    }

    private async Task Step(string what, Func<Task> check)
    {
        var took = Stopwatch.StartNew();
        try
        {
            await check();
            journal.Write($"check passed ({took.Elapsed.TotalSeconds:0} s): {what}");
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException)
        {
            figures.Problems.Enqueue($"check failed: {what}: {e.Message}");
            journal.Write($"PROBLEM: check failed: {what}: {e.Message}");
        }
    }

    private async Task WholeMembershipAsync()
    {
        foreach (var home in community.Homes)
            await home.WaitUntilReadyAsync(TimeSpan.FromSeconds(120));

        var members = community.Homes.Count + 1;
        foreach (var home in community.Homes)
        {
            await Eventually.Until(home.MembersAsync,
                m => m.Count == members && m.All(x => x.Status == "Up" && x.Reachable),
                TimeSpan.FromSeconds(120), $"{home.Name} to list {members} members Up and reachable",
                m => string.Join(", ", m.Select(x => $"{x.Address} {x.Status} {(x.Reachable ? "" : "unreachable")}")));
        }
    }

    /// <summary>
    /// No chunk under-replicated in any home's view, then no replica fill still pending. Before
    /// finding 1 of benchmarks/results/soak.md was fixed, fills whose target had restarted stayed
    /// pending, unworked, for 5 minutes; a fill left now is a fault again. The fills still pending
    /// when under-replication ended are counted for the report.
    /// </summary>
    private async Task RepairedAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        foreach (var home in community.Homes)
        {
            var status = await Eventually.Until(() => SoakHttp.GetJsonAsync(home, "/api/storage/status", Ask),
                s => s.GetProperty("underReplicatedChunks").GetInt64() == 0,
                Left(deadline), $"{home.Name} to see no chunk under-replicated", s => s.ToString());
            figures.PendingFillsAfterRepair = Math.Max(figures.PendingFillsAfterRepair,
                status.GetProperty("repairsRunning").GetInt32());
        }

        foreach (var home in community.Homes)
        {
            await Eventually.Until(() => SoakHttp.GetJsonAsync(home, "/api/storage/status", Ask),
                s => s.GetProperty("repairsRunning").GetInt32() == 0,
                Left(deadline), $"{home.Name} to see no replica fill pending", s => s.ToString());
        }
    }

    /// <summary>At least a minute per home even late, since each home's view converges on its own.</summary>
    private static TimeSpan Left(DateTime deadline) =>
        TimeSpan.FromSeconds(Math.Max(60, (deadline - DateTime.UtcNow).TotalSeconds));

    private async Task EveryPhotoEverywhereAsync()
    {
        var bad = new List<string>();
        foreach (var id in figures.Acknowledged.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var home in community.Homes)
            {
                var hash = await TryDownloadAsync(home, id);
                if (hash != id)
                    bad.Add($"{id[..12]} ({Path.GetFileName(figures.Acknowledged[id])}) from {home.Name}: "
                        + (hash ?? "no answer"));
            }
        }

        if (bad.Count > 0)
            throw new InvalidOperationException($"{bad.Count} downloads were not byte-identical:\n  "
                + string.Join("\n  ", bad.Take(40)));
    }

    private static async Task<string?> TryDownloadAsync(NodeProcess home, string id)
    {
        try
        {
            return await SoakHttp.DownloadHashAsync(home, id, Ask);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return $"error: {e.Message}";
        }
    }

    private async Task OneCatalogAsync()
    {
        var acknowledged = figures.Acknowledged.Keys.ToHashSet(StringComparer.Ordinal);
        await Eventually.Until(async () =>
            {
                var catalogs = new List<HashSet<string>>();
                foreach (var home in community.Homes)
                    catalogs.Add(await SoakHttp.CatalogAsync(home, Ask));
                return catalogs;
            },
            c => c.All(x => x.SetEquals(c[0])) && acknowledged.IsSubsetOf(c[0]), TimeSpan.FromSeconds(120),
            "every home to list the same catalog with every acknowledged photo",
            c => string.Join(", ", c.Select((x, i) => $"home-{i + 1}: {x.Count} photos, "
                + $"{acknowledged.Count(a => !x.Contains(a))} acknowledged missing")));
    }

    private void CheckLogs()
    {
        var processes = new ClusterProcess[] { community.Lighthouse }.Concat(community.Homes);
        var explained = 0;
        foreach (var process in processes)
        {
            foreach (var line in process.LogText().Split('\n').Where(ErrorLines.IsError))
            {
                if (ErrorLines.Explain(line) is not null)
                {
                    explained++;
                    continue;
                }

                figures.Problems.Enqueue($"unexplained error line in {process.Name}: "
                    + line[..Math.Min(line.Length, 400)]);
            }
        }

        journal.Write($"logs: {explained} error lines explained by the allow-list");
        figures.ExplainedErrorLines = explained;
    }
}

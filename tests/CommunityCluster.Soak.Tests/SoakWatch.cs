using System.Diagnostics;
using CommunityCluster.Hosting;
using CommunityCluster.Testing;

namespace CommunityCluster.Soak.Tests;

/// <summary>
/// Two background watches over a soak: processes that die with no fault on them, and episodes of
/// under-replication (from when a sample first shows missing replicas until one shows none).
/// </summary>
public sealed class SoakWatch(SoakCommunity community, SoakInjector injector, SoakJournal journal, SoakFigures figures)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    /// <summary>A home downed within this long after a freeze, cut or slow link is explained by it.</summary>
    private static readonly TimeSpan DetachedExplains = TimeSpan.FromSeconds(90);

    /// <summary>
    /// A home's exit 3 that nothing explains yet is judged this long after: in a "down all" the
    /// homes often exit a few seconds before the lighthouse does (seed 41: home-2 two seconds
    /// before), and the lighthouse's downing then explains them.
    /// </summary>
    private static readonly TimeSpan JudgeDownedAfter = TimeSpan.FromSeconds(30);

    /// <summary>A resolver's decision this long before a home's exit explains it.</summary>
    private static readonly TimeSpan DecisionExplains = TimeSpan.FromSeconds(60);

    private readonly List<(string Home, string Address, DateTime At, string LogTail)> _downedUnexplained = [];
    private Stopwatch? _episode;
    private long _episodeMost;
    private readonly Dictionary<(int Home, string Message), int> _leavesExplained = [];
    private bool _lighthouseDead;
    private DateTime? _lighthouseDowned;

    public async Task RunAsync(CancellationToken stop)
    {
        for (var round = 0; !stop.IsCancellationRequested && round < 10_000_000; round++)
        {
            await WatchDeathsAsync();
            await SampleRepairAsync();
            try
            {
                await Task.Delay(Every, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        JudgeDowned(final: true); // nothing left unjudged when the watch ends
    }

    /// <summary>
    /// The lighthouse downed (exit 3) is the split brain resolver's decision, most often "down all"
    /// when reachability keeps changing on a starved machine (finding 5 of soak.md): it is restarted
    /// as a supervisor would, the homes downed with it are explained, and the checks at the end say
    /// whether the community formed again. Any other exit of the lighthouse is a problem.
    /// </summary>
    private async Task WatchLighthouseAsync()
    {
        var lighthouse = community.Lighthouse;
        if (lighthouse.IsRunning || _lighthouseDead)
            return;

        var code = await lighthouse.WaitForExitAsync(TimeSpan.FromSeconds(5));
        if (code != 3)
        {
            _lighthouseDead = true;
            figures.Problems.Enqueue($"the lighthouse died with exit code {code}; log tail:\n" + lighthouse.LogTail(15));
            journal.Write($"PROBLEM: the lighthouse died with exit code {code}");
            return;
        }

        _lighthouseDowned = DateTime.UtcNow;
        injector.LighthouseDowned();
        figures.SelfDowned.Enqueue("the lighthouse, downed by the split brain resolver");
        journal.Write("the lighthouse was downed and exited 3; restarting it as a supervisor would");
        lighthouse.Start();
    }

    /// <summary>
    /// True when the home's log holds a leave of this kind that no earlier exit explained: the home
    /// downed itself to rejoin through the lighthouse (IslandGuard, finding 9), or to let another
    /// member run the singletons its own managers had stopped (SingletonWatch, the seed 9 finding
    /// of 2026-12-05).
    /// </summary>
    private bool LeftOnPurpose(int index, ClusterProcess home, string leavingMessage)
    {
        var leaves = home.LogText().Split(leavingMessage).Length - 1;
        if (leaves <= _leavesExplained.GetValueOrDefault((index, leavingMessage)))
            return false;

        _leavesExplained[(index, leavingMessage)] = leaves;
        return true;
    }

    private async Task WatchDeathsAsync()
    {
        await WatchLighthouseAsync();

        for (var index = 0; index < community.Homes.Count; index++)
        {
            var home = community.Homes[index];
            if (injector.IsBusy(index) || home.IsRunning)
                continue;

            var code = await home.WaitForExitAsync(TimeSpan.FromSeconds(5));
            var detached = injector.LastDetached(index);
            if (code == 3 && LeftOnPurpose(index, home, IslandGuard.LeavingMessage))
            {
                figures.SelfDowned.Enqueue($"{home.Name}, which left an island without the lighthouse");
                journal.Write($"{home.Name} left an island without the lighthouse and exited 3; restarting it as a supervisor would");
            }
            else if (code == 3 && LeftOnPurpose(index, home, SingletonWatch.LeavingMessage))
            {
                figures.SelfDowned.Enqueue($"{home.Name}, whose singletons had stopped for good");
                journal.Write($"{home.Name} restarted its stopped singletons and exited 3; restarting it as a supervisor would");
            }
            else if (code == 3 && detached is { } at && DateTime.UtcNow - at < DetachedExplains)
            {
                figures.SelfDowned.Enqueue($"{home.Name}, soon after being detached");
                journal.Write($"{home.Name} exited 3 soon after being detached; restarting it as a supervisor would");
            }
            else if (code == 3 && (!community.Lighthouse.IsRunning
                         || _lighthouseDowned is { } downed && DateTime.UtcNow - downed < DetachedExplains))
            {
                figures.SelfDowned.Enqueue($"{home.Name}, downed with the lighthouse");
                journal.Write($"{home.Name} exited 3, downed with the lighthouse; restarting it as a supervisor would");
            }
            else if (code == 3)
            {
                _downedUnexplained.Add((home.Name, home.Address, DateTime.UtcNow, home.LogTail(15)));
                journal.Write($"{home.Name} exited 3 with no fault on it; restarting it, judged in "
                    + $"{JudgeDownedAfter.TotalSeconds:0} s");
            }
            else
            {
                figures.Problems.Enqueue($"{home.Name} died with exit code {code} and no fault on it; log tail:\n"
                    + home.LogTail(15));
                journal.Write($"PROBLEM: {home.Name} died with exit code {code} and no fault on it");
            }

            injector.Revive(index);
        }

        JudgeDowned();
    }

    /// <summary>
    /// Homes downed with no fault on them: explained when the lighthouse was downed around then, or
    /// when a member logged the resolver's decision to down them (<see cref="SbrDecisions"/>);
    /// otherwise problems.
    /// </summary>
    private void JudgeDowned(bool final = false)
    {
        var logs = community.Logs();
        foreach (var downed in _downedUnexplained.ToList())
        {
            var withLighthouse = _lighthouseDowned is { } at && (at - downed.At).Duration() < JudgeDownedAfter;
            var decision = SbrDecisions.Downing(logs, downed.Address, downed.At, DecisionExplains);
            if (withLighthouse)
            {
                figures.SelfDowned.Enqueue($"{downed.Home}, downed with the lighthouse");
                journal.Write($"{downed.Home}'s exit 3 is explained: the lighthouse was downed with it");
            }
            else if (decision is not null)
            {
                figures.SelfDowned.Enqueue($"{downed.Home}, downed by the resolver's {decision}");
                journal.Write($"{downed.Home}'s exit 3 is explained: a member's resolver took the decision {decision} "
                    + "on it");
            }
            else if (final || DateTime.UtcNow - downed.At > JudgeDownedAfter)
            {
                figures.Problems.Enqueue($"{downed.Home} died with exit code 3 and no fault on it; log tail:\n"
                    + downed.LogTail);
                journal.Write($"PROBLEM: {downed.Home} died with exit code 3 and no fault on it");
            }
            else
            {
                continue;
            }

            _downedUnexplained.Remove(downed);
        }
    }

    private async Task SampleRepairAsync()
    {
        var home = community.Homes.Where((h, i) => !injector.IsBusy(i) && h.IsRunning).FirstOrDefault();
        if (home is null)
            return;

        try
        {
            var status = await SoakHttp.GetJsonAsync(home, "/api/storage/status", TimeSpan.FromSeconds(10));
            Record(status.GetProperty("underReplicatedChunks").GetInt64());
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            // A sample missed; the next one tells.
        }
    }

    private void Record(long underReplicated)
    {
        if (underReplicated > 0)
        {
            if (_episode is null)
            {
                _episode = Stopwatch.StartNew();
                journal.Write($"repair: {underReplicated} chunk replicas missing");
            }

            _episodeMost = Math.Max(_episodeMost, underReplicated);
            return;
        }

        if (_episode is null)
            return;

        figures.RepairEpisodes.Enqueue((journal.Elapsed - _episode.Elapsed, _episode.Elapsed, _episodeMost));
        journal.Write($"repair: none missing after {_episode.Elapsed.TotalSeconds:0} s (at most {_episodeMost})");
        _episode = null;
        _episodeMost = 0;
    }
}

using CommunityCluster.Testing;

namespace CommunityCluster.Soak.Tests;

/// <summary>
/// Runs one fault on one home at a time per home: inject, hold for the drawn seconds (cut short
/// when the soak heals everything), heal, and bring the home back as a supervisor would. A home
/// frozen or cut off long enough is downed by the others and exits 3 by design (README "Exit
/// codes"); the injector restarts it and counts it. Any other exit is a problem.
/// </summary>
public sealed class SoakInjector(SoakCommunity community, SoakJournal journal, SoakFigures figures)
{
    public const int MostHomesDown = 2; // the replication factor (3) minus one

    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan SettleWithin = TimeSpan.FromSeconds(120);

    /// <summary>A home's exit 3 within this long after the lighthouse was downed is explained by that "down all".</summary>
    private static readonly TimeSpan DownAllExplains = TimeSpan.FromSeconds(90);

    private const int MostStartsPerRestart = 3;
    private readonly Dictionary<int, (SoakFault Fault, Task Run)> _busy = [];
    private readonly Dictionary<int, DateTime> _detachedUntil = [];
    private readonly CancellationTokenSource _heal = new();
    private DateTime? _lighthouseDownedAt;

    public bool IsBusy(int home)
    {
        lock (_busy)
            return _busy.TryGetValue(home, out var entry) && !entry.Run.IsCompleted;
    }

    /// <summary>Homes whose fault takes them away now; never more than <see cref="MostHomesDown"/>.</summary>
    public int HomesDown()
    {
        lock (_busy)
            return _busy.Values.Count(e => !e.Run.IsCompleted && e.Fault.TakesHomeDown());
    }

    /// <summary>Starts the fault unless the home is busy or it would take too many homes down.</summary>
    public string? TryStart(SoakFault fault, int home, int seconds)
    {
        lock (_busy)
        {
            if (IsBusy(home))
                return $"home-{home + 1} is busy";
            if (fault.TakesHomeDown() && HomesDown() >= MostHomesDown)
                return $"{MostHomesDown} homes are already down";

            figures.Count(fault.ToString());
            _busy[home] = (fault, Task.Run(() => RunAsync(fault, home, TimeSpan.FromSeconds(seconds))));
            return null;
        }
    }

    /// <summary>
    /// The watch saw the lighthouse downed: the split brain resolver's "down all" (soak.md, finding
    /// 5). Homes that exit 3 around it, even while being stopped or started, are explained by it.
    /// </summary>
    public void LighthouseDowned()
    {
        lock (_busy)
            _lighthouseDownedAt = DateTime.UtcNow;
    }

    private bool DownedWithLighthouse()
    {
        lock (_busy)
            return !community.Lighthouse.IsRunning
                || _lighthouseDownedAt is { } at && DateTime.UtcNow - at < DownAllExplains;
    }

    /// <summary>
    /// The resolver's decision that downed the home just now, or null. Seed 44: home-2, restarted
    /// after being downed while cut off, was downed again while starting by its own resolver
    /// (DownReachable: it saw the others unreachable at load average 90).
    /// </summary>
    private string? DownedByDecision(NodeProcess home) =>
        SbrDecisions.Downing(community.Logs(), home.Address, DateTime.UtcNow, DownAllExplains);

    /// <summary>Restarts a home that died on its own, as a supervisor would, unless a fault runs on it.</summary>
    public void Revive(int home)
    {
        lock (_busy)
        {
            if (!IsBusy(home))
            {
                var restart = Task.Run(() => RestartAsync(community.Homes[home], SoakCommunity.NormalQuota));
                _busy[home] = (SoakFault.Kill, restart);
            }
        }
    }

    /// <summary>Cuts every fault short, heals it, and waits for each home to be back.</summary>
    public async Task HealEverythingAsync()
    {
        await _heal.CancelAsync();
        Task[] running;
        lock (_busy)
            running = [.. _busy.Values.Select(e => e.Run)];
        await Task.WhenAll(running);
    }

    private async Task RunAsync(SoakFault fault, int index, TimeSpan hold)
    {
        var home = community.Homes[index];
        try
        {
            await (fault switch
            {
                SoakFault.Kill => KillAsync(home, hold),
                SoakFault.Freeze => FreezeAsync(home, hold),
                SoakFault.Stop => StopAsync(home, hold),
                SoakFault.Cut => CutAsync(index, home, hold),
                SoakFault.Adsl => AdslAsync(index, home, hold),
                _ => FullAsync(home, hold),
            });
            journal.Write($"healed {fault} on {home.Name}");
            if (fault is SoakFault.Freeze or SoakFault.Cut or SoakFault.Adsl)
            {
                lock (_busy)
                    _detachedUntil[index] = DateTime.UtcNow;
            }
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or HttpRequestException)
        {
            figures.Problems.Enqueue($"{fault} on {home.Name}: {e.Message}");
            journal.Write($"PROBLEM healing {fault} on {home.Name}: {e.Message}");
        }
    }

    private async Task KillAsync(NodeProcess home, TimeSpan hold)
    {
        home.Kill();
        await HoldAsync(hold);
        await RestartAsync(home, SoakCommunity.NormalQuota);
    }

    private async Task FreezeAsync(NodeProcess home, TimeSpan hold)
    {
        home.Freeze();
        await HoldAsync(hold);
        home.Thaw();
        await SettleAsync(home, "frozen");
    }

    private async Task StopAsync(NodeProcess home, TimeSpan hold)
    {
        await StopForRestartAsync(home);
        await HoldAsync(hold);
        await RestartAsync(home, SoakCommunity.NormalQuota);
    }

    private async Task CutAsync(int index, NodeProcess home, TimeSpan hold)
    {
        community.Network!.Cut(index + 1);
        await HoldAsync(hold);
        community.Network.Heal(index + 1);
        await SettleAsync(home, "cut off");
    }

    private async Task AdslAsync(int index, NodeProcess home, TimeSpan hold)
    {
        community.Network!.Shape(index + 1, up: "1mbit", down: "8mbit");
        await HoldAsync(hold);
        community.Network.Unshape(index + 1);
        await SettleAsync(home, "on ADSL");
    }

    private async Task FullAsync(NodeProcess home, TimeSpan hold)
    {
        await StopForRestartAsync(home);
        await RestartAsync(home, "1MB");
        await HoldAsync(hold);
        await StopForRestartAsync(home);
        await RestartAsync(home, SoakCommunity.NormalQuota);
    }

    /// <summary>
    /// SIGTERM and wait. Exit 0 is a graceful leave; exit 3 is explained only when a "down all"
    /// raced the SIGTERM (finding 6a: the downing won); anything else is a problem.
    /// </summary>
    private async Task StopForRestartAsync(NodeProcess home)
    {
        var code = await home.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        if (code == 3 && DownedWithLighthouse())
        {
            figures.SelfDowned.Enqueue($"{home.Name}, downed with the lighthouse while stopping");
            journal.Write($"{home.Name} exited 3 while stopping: downed with the lighthouse first");
        }
        else if (code != 0)
        {
            figures.Problems.Enqueue($"{home.Name} stopped gracefully with exit code {code}, not 0");
        }
    }

    private async Task HoldAsync(TimeSpan hold)
    {
        try
        {
            await Task.Delay(hold, _heal.Token);
        }
        catch (OperationCanceledException)
        {
            // The soak is over: heal now.
        }
    }

    /// <summary>
    /// Starts the home and waits until it is ready. A home downed while starting by a "down all"
    /// (finding 6b: it joined just before the lighthouse was downed), or by a resolver's decision
    /// a member logged, is started again, as a supervisor would; any other exit while starting is
    /// the caller's problem to report.
    /// </summary>
    private async Task RestartAsync(NodeProcess home, string quota)
    {
        home.Environment["STORAGE_QUOTA"] = quota;
        for (var start = 1; ; start++)
        {
            home.Start();
            try
            {
                await home.WaitUntilReadyAsync(ReadyWithin);
                return;
            }
            catch (ProcessExitedException) when (start < MostStartsPerRestart && !home.IsRunning)
            {
                var code = await home.WaitForExitAsync(TimeSpan.FromSeconds(5));
                var why = DownedWithLighthouse() ? "with the lighthouse"
                    : DownedByDecision(home) is { } decision ? $"by the resolver's {decision}" : null;
                if (code != 3 || why is null)
                    throw;

                figures.SelfDowned.Enqueue($"{home.Name}, downed {why} while starting");
                journal.Write($"{home.Name} exited 3 while starting: downed {why}; starting it again");
            }
        }
    }

    /// <summary>
    /// After a freeze, a cut or a slow link: the home either carries on as a member again, or was
    /// downed meanwhile and exits; one exiting with 3 is restarted, any other exit is a problem.
    /// </summary>
    private async Task SettleAsync(NodeProcess home, string what)
    {
        var settled = await Eventually.Until(async () => !home.IsRunning || await IsUpAgainAsync(home), ok => ok,
            SettleWithin, $"{home.Name} to be a member again or to exit after being {what}");
        if (!settled || home.IsRunning)
            return;

        var code = await home.WaitForExitAsync(TimeSpan.FromSeconds(5));
        if (code == 3)
        {
            figures.SelfDowned.Enqueue($"{home.Name} after being {what}");
            journal.Write($"{home.Name} was downed while {what} and exited 3; restarting it as a supervisor would");
        }
        else
        {
            figures.Problems.Enqueue($"{home.Name} exited with code {code} after being {what}");
        }

        await RestartAsync(home, SoakCommunity.NormalQuota);
    }

    /// <summary>
    /// Up in its own view and seeing most members again (others may be down by their own fault).
    /// A home downed just after this is caught by the runner's watch, which knows it was detached.
    /// </summary>
    private static async Task<bool> IsUpAgainAsync(NodeProcess home)
    {
        if (!await home.IsReadyAsync())
            return false;

        var own = await home.MembersAsync();
        return own.Any(m => m.Address == home.Address && m.Status == "Up")
            && own.Count(m => !m.Reachable) <= MostHomesDown;
    }

    /// <summary>When the home was last healed from a fault that detaches it (freeze, cut, slow link).</summary>
    public DateTime? LastDetached(int home)
    {
        lock (_busy)
            return _detachedUntil.TryGetValue(home, out var at) ? at : null;
    }
}

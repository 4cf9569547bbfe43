using CommunityCluster.Testing;

namespace CommunityCluster.Soak.Tests;

/// <summary>
/// One soak: start the community, run the workload, the fault schedule and the watch together
/// until the duration is spent, heal everything, check the promise, and report.
/// </summary>
public sealed class SoakRunner(SoakOptions options, TestFolder folder, SoakJournal journal)
{
    public SoakFigures Figures { get; } = new();

    public string Mode { get; private set; } = "";

    public async Task RunAsync()
    {
        var loopback = SoakNetwork.Unavailable();
        Mode = loopback is null
            ? "network namespaces (a bridge, a veth per member), links cut and shaped with ip and tc"
            : $"loopback ({loopback}): no link cut and no ADSL shaping";
        journal.Write($"soak: seed {options.Seed}, {options.Duration.TotalMinutes:0.##} min, "
            + $"{options.Homes} homes, {Mode}");
        journal.Write($"replay: CC_SOAK_MINUTES={options.Duration.TotalMinutes:0.##} CC_SOAK_SEED={options.Seed} "
            + "dotnet test tests/CommunityCluster.Soak.Tests -c Release");

        await using var community = await SoakCommunity.StartAsync(folder, options.Homes, TimeSpan.FromSeconds(90));
        var addresses = community.Homes.Select(h => $"{h.Name} {h.Host}:{h.HttpPort}");
        journal.Write("community up: " + string.Join(", ", addresses));
        var injector = new SoakInjector(community, journal, Figures);
        var photos = new SoakPhotos(folder.Combine("uploads"), new Random(options.Seed + 1));
        journal.Write("photos: " + photos.Source);

        using var stopWatch = new CancellationTokenSource();
        var watch = new SoakWatch(community, injector, journal, Figures).RunAsync(stopWatch.Token);
        var until = DateTime.UtcNow + options.Duration;
        var workload = new SoakWorkload(community, injector, journal, Figures, photos, new Random(options.Seed + 2));
        await Task.WhenAll(workload.RunAsync(until), FaultsAsync(community, injector, until));

        journal.Write("duration spent: healing everything");
        await injector.HealEverythingAsync();
        await stopWatch.CancelAsync();
        await watch;
        await new SoakChecks(community, journal, Figures).RunAsync(options.RepairWithin);
        if (!Figures.Problems.IsEmpty)
            folder.Keep = true;
    }

    private async Task FaultsAsync(SoakCommunity community, SoakInjector injector, DateTime until)
    {
        List<SoakFault> kinds = community.Network is null
            ? [SoakFault.Kill, SoakFault.Freeze, SoakFault.Stop, SoakFault.Full]
            : [.. Enum.GetValues<SoakFault>()];
        var schedule = new SoakSchedule(new Random(options.Seed), kinds, community.Homes.Count);
        for (var step = 1; step < 1_000_000; step++)
        {
            // The schedule's gap between faults, not a wait for a condition.
            var gap = schedule.NextGap();
            if (DateTime.UtcNow + gap >= until)
                return;
            await Task.Delay(gap);

            var (fault, home, seconds) = schedule.Draw();
            var skipped = injector.TryStart(fault, home, seconds);
            var outcome = skipped is null ? "" : $": skipped, {skipped}";
            journal.Write($"step {step}: {fault} home-{home + 1} {seconds} s{outcome}");
        }
    }
}

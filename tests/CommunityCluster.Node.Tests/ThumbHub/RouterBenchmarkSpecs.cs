using System.Globalization;
using System.Text;
using CommunityCluster.Testing;
using CommunityCluster.Testing.Testbed;
using Xunit.Abstractions;

namespace CommunityCluster.Node.Tests.ThumbHub;

/// <summary>
/// The router benchmark on the testbed: the same thumbnail work arriving at every home, once per
/// routing setting (a fresh community each), mean and 95th percentile from upload to thumbnail.
/// Homes differ in CPU as well as in links, as real ones do (a Raspberry Pi beside a mini-PC): the
/// testbed gives each a budget, <see cref="DefaultCpuShares"/> unless <c>CC_ROUTER_BENCH_CPU</c>
/// says otherwise. About 15 minutes, so it runs on demand: <c>CC_ROUTER_BENCH=1</c> (root).
/// Writes <c>benchmarks/results/router.md</c>.
/// </summary>
public sealed class RouterBenchmarkSpecs(ITestOutputHelper output) : IDisposable
{
    /// <summary>Homes 1 to 4: an ADSL mini-PC, an ADSL Pi, a fibre Pi, a fibre mini-PC (shares of one core).</summary>
    private const string DefaultCpuShares = "0.8,0.2,0.2,0.8";

    private readonly TestFolder _folder = new(nameof(RouterBenchmarkSpecs));

    /// <summary>Jobs per home and setting: enough that one slow job does not decide the mean.</summary>
    private static int PerHome => int.TryParse(Environment.GetEnvironmentVariable("CC_ROUTER_BENCH_PER_HOME"),
        out var n) && n > 0 ? n : 8;

    private static string CpuShares => Environment.GetEnvironmentVariable("CC_ROUTER_BENCH_CPU") is { Length: > 0 } shares
        ? shares
        : DefaultCpuShares;

    public void Dispose() => _folder.Dispose();

    [RouterBenchmarkFact]
    public async Task Latency_aware_routing_should_finish_thumbnails_sooner_than_round_robin_and_random()
    {
        var photos = TestbedWorkload.Variants(TestbedWorkload.Photos(), PerHome * 4, _folder.Combine("photos"));
        var figures = new Dictionary<string, IReadOnlyList<WorkloadJob>>();

        foreach (var mode in new[] { "latency-aware", "round-robin", "random" })
        {
            await using var testbed = await TestbedCommunity.StartAsync(new TestFolder($"{nameof(RouterBenchmarkSpecs)}-{mode}"),
                TimeSpan.FromSeconds(120), home => home.Environment["THUMBS_ROUTING"] = mode, CpuShares);
            await TestbedWorkload.WaitForMeasuredLinksAsync(testbed, TimeSpan.FromSeconds(60));
            figures[mode] = await TestbedWorkload.RunAsync(testbed, photos, PerHome, TimeSpan.FromMinutes(10));
            foreach (var job in figures[mode])
                output.WriteLine($"{mode}: {job.Ms:0} ms on {job.Worker}: waited {job.WaitedMs:0}, fetch {job.FetchMs:0}, "
                    + $"render {job.RenderMs:0}, store {job.StoreMs:0}, messages {job.MessagesMs:0}");
        }

        await File.WriteAllTextAsync(Path.Combine(Binaries.RepositoryRoot, "benchmarks", "results", "router.md"),
            Report(figures, photos));
        var mean = figures.ToDictionary(f => f.Key, f => f.Value.Average(j => j.Ms));
        Assert.All(figures.Values.SelectMany(f => f), j => Assert.Equal("ready", j.State));
        Assert.True(mean["latency-aware"] < mean["round-robin"],
            $"latency-aware {mean["latency-aware"]:0} ms against round-robin {mean["round-robin"]:0} ms");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Report(Dictionary<string, IReadOnlyList<WorkloadJob>> figures, IReadOnlyList<TestPhoto> photos)
    {
        static string F(double v) => v.ToString("0", CultureInfo.InvariantCulture);
        var roundRobin = figures["round-robin"].Average(j => j.Ms);
        var text = new StringBuilder();
        text.AppendLine("# Thumbnail routing on the testbed");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC by `RouterBenchmarkSpecs` (`CC_ROUTER_BENCH=1`, root): four homes and a");
        text.AppendLine("lighthouse in network namespaces (`testbed/testbed.sh`), each direction between homes shaped with htb to the");
        text.AppendLine("study's throughput (0.26 to 76 Mbit/s); round trips are not emulated (no netem here). All homes and the test");
        text.AppendLine("share one 2-core machine; each home has a CPU budget (cgroup, shares of one core for homes 1 to 4:");
        text.AppendLine(CultureInfo.InvariantCulture, $"{CpuShares}), as homes range from a Pi to a mini-PC. Work: {PerHome} photos per home");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"({photos.Min(p => p.Size) / 1000} to {photos.Max(p => p.Size) / 1000} KB JPEGs: the corpus's small ones, each copy re-encoded with a block of its own colour, so its");
        text.AppendLine("renditions are new too), uploaded to every home at once, one after another");
        text.AppendLine("per home, into a fresh community per setting. Time: upload to thumbnails settled (the record's queuedAt to");
        text.AppendLine(CultureInfo.InvariantCulture, $"settledAt). Load average at the end: {LoadAverage()}.");
        text.AppendLine();
        text.AppendLine("| routing | jobs | mean ms | p95 ms | mean / round-robin | jobs per worker home |");
        text.AppendLine("|---|---:|---:|---:|---:|---|");
        foreach (var (mode, jobs) in figures)
        {
            var mean = jobs.Average(j => j.Ms);
            var spread = string.Join(", ", jobs.GroupBy(j => j.Worker).OrderBy(g => g.Key,
                StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}"));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {mode} | {jobs.Count} | {F(mean)} | {F(TestbedWorkload.Percentile(jobs.Select(j => j.Ms), 0.95))} | {mean / roundRobin:0.00} | {spread} |");
        }

        text.AppendLine();
        text.AppendLine("Where a job's time went, mean ms (on its worker: waiting there, fetching the original, rendering,");
        text.AppendLine("storing both renditions; messages: the rest, assigning the job and carrying its messages):");
        text.AppendLine();
        text.AppendLine("| routing | waited | fetch | render | store | messages |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (mode, jobs) in figures)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {mode} | {F(jobs.Average(j => j.WaitedMs))} | {F(jobs.Average(j => j.FetchMs))} | {F(jobs.Average(j => j.RenderMs))} | {F(jobs.Average(j => j.StoreMs))} | {F(jobs.Average(j => j.MessagesMs))} |");

        text.AppendLine();
        text.AppendLine("Target (issue 12): latency-aware mean at most 0.6 × round-robin.");
        return text.ToString();
    }
}

/// <summary>The router benchmark: on demand (CC_ROUTER_BENCH=1) and where the testbed can run.</summary>
public sealed class RouterBenchmarkFactAttribute : FactAttribute
{
    public RouterBenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CC_ROUTER_BENCH") != "1")
            Skip = "the router benchmark runs on demand: CC_ROUTER_BENCH=1 (about 15 minutes, root)";
        else if (TestbedCommunity.Unavailable is { } reason)
            Skip = reason;
    }
}

using System.Diagnostics;
using Xunit;

namespace CommunityCluster.Testing.Testbed;

/// <summary>
/// The lighthouse and four homes of <c>testbed/testbed.sh</c>, each in its network namespace with
/// its links shaped from the study's table, running the built binaries. Root only; the script is
/// taken down again on dispose, whatever happened.
/// </summary>
public sealed class TestbedCommunity : IAsyncDisposable
{
    private TestbedCommunity(TestFolder folder, LighthouseProcess lighthouse, IReadOnlyList<NodeProcess> homes)
    {
        Folder = folder;
        Lighthouse = lighthouse;
        Homes = homes;
    }

    public static string Script => Path.Combine(Binaries.RepositoryRoot, "testbed", "testbed.sh");

    /// <summary>Why the testbed cannot run here, or null when it can (root, iproute2, the links table).</summary>
    public static string? Unavailable =>
        Environment.UserName != "root" ? "the testbed needs root (network namespaces, tc)"
        : !File.Exists("/usr/sbin/tc") && !File.Exists("/sbin/tc") && !File.Exists("/usr/bin/tc") ? "tc is not installed (iproute2)"
        : !SharedData.IsPresent ? SharedData.AbsentReason
        : null;

    public TestFolder Folder { get; }

    public LighthouseProcess Lighthouse { get; }

    /// <summary>Home N is node N of the study's table (1 and 2 on ADSL, 3 and 4 on fibre).</summary>
    public IReadOnlyList<NodeProcess> Homes { get; }

    /// <param name="cpuShares">
    /// Each home's CPU budget as <c>testbed.sh</c> takes it (<c>TESTBED_CPU</c>): one share of a core
    /// for all, or a comma list for homes 1 to 4; null for none.
    /// </param>
    public static async Task<TestbedCommunity> StartAsync(TestFolder folder, TimeSpan readyWithin,
        Action<NodeProcess>? configure = null, string? cpuShares = null)
    {
        Run(cpuShares, "up", SharedData.TestbedLinks);
        var lighthouse = new LighthouseProcess(folder.Combine("lighthouse"), "10.199.0.10");
        lighthouse.Launcher.AddRange(["bash", Script, "exec", "lh"]);
        var homes = Enumerable.Range(1, 4).Select(i =>
        {
            var home = new NodeProcess($"home-{i}", folder.Combine($"home-{i}"), $"home-{i}", [lighthouse.Address],
                host: $"10.199.0.1{i}");
            home.Launcher.AddRange(["bash", Script, "exec",
                i.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            configure?.Invoke(home);
            return home;
        }).ToList();
        var testbed = new TestbedCommunity(folder, lighthouse, homes);

        try
        {
            lighthouse.Start();
            await Eventually.Until(() => lighthouse.IsUp, readyWithin, "the testbed's lighthouse to form the cluster");
            homes.ForEach(h => h.Start());
            await Task.WhenAll(homes.Select(h => h.WaitUntilReadyAsync(readyWithin)));
        }
        catch
        {
            folder.Keep = true;
            await testbed.DisposeAsync();
            throw;
        }

        return testbed;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var home in Homes)
            await home.DisposeAsync();
        await Lighthouse.DisposeAsync();
        Run(null, "down");
    }

    private static void Run(string? cpuShares, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false
        };
        if (cpuShares is not null)
            start.Environment["TESTBED_CPU"] = cpuShares;
        start.ArgumentList.Add(Script);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"testbed.sh {string.Join(' ', arguments)} failed ({process.ExitCode}): {output}");
    }
}

/// <summary>A fact that needs the testbed: skipped, with the reason printed, where it cannot run.</summary>
public sealed class TestbedFactAttribute : FactAttribute
{
    public TestbedFactAttribute()
    {
        if (TestbedCommunity.Unavailable is { } reason)
            Skip = reason;
    }
}

using System.Diagnostics;
using System.Text;
using CommunityCluster.Ccm.Tests.Support;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests;

/// <summary>The built ccm executable as an operator runs it: its exit codes, stderr, and Ctrl-C on a stream.</summary>
[Collection(CommunityCollection.Name)]
public sealed class CcmProcessSpecs(CommunityFixture community)
{
    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Binaries.Ccm);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Remove("CMD_TOKEN");
        return Process.Start(start)!;
    }

    [Fact]
    public async Task Ccm_should_print_a_table_and_exit_0_or_one_line_and_exit_3()
    {
        using var show = Start(CommunityFixture.Endpoint(community.Node1), "cluster", "show");
        using var unreachable = Start(CommunityFixture.Endpoint(FreePorts.Next()), "cluster", "show");

        var shown = await show.StandardOutput.ReadToEndAsync();
        var refused = await unreachable.StandardError.ReadToEndAsync();
        await show.WaitForExitAsync();
        await unreachable.WaitForExitAsync();

        Assert.Equal(0, show.ExitCode);
        Assert.StartsWith("ADDRESS ", shown, StringComparison.Ordinal);
        Assert.Contains(community.Node1.Address, shown, StringComparison.Ordinal);
        Assert.Equal(3, unreachable.ExitCode);
        Assert.Single(refused.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("ccm: error: cannot reach", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_should_end_cluster_tail_with_0()
    {
        using var tail = Start(community.LighthouseEndpoint, "cluster", "tail", "--json");
        var output = new StringBuilder();
        var first = await tail.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        output.AppendLine(first);

        Signals.Send(tail.Id, Interrupt);
        await tail.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("\"event\":\"subscribed\"", first, StringComparison.Ordinal);
        Assert.Equal(0, tail.ExitCode);
        Assert.Equal("", await tail.StandardError.ReadToEndAsync());
    }

    private const int Interrupt = 2;
}

namespace CommunityCluster.Ccm.Tests.Support;

public static class CcmAssert
{
    /// <summary>A failure: its exit code, one line on stderr saying <paramref name="expected"/>, no output.</summary>
    public static void Failed(CcmRun run, int exitCode, string expected)
    {
        Assert.True(run.ExitCode == exitCode, run.ToString());
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr:\n{run}");
        Assert.StartsWith("ccm: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }
}

using System.Diagnostics;
using System.Text;
using CommunityCluster.Ccm.Import;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests.Support;

/// <summary>
/// ccm as a real process from the built binary, for what an in-process run cannot show: being
/// killed mid-way, or reading files as a user that a permission really stops (as root, chmod
/// stops nobody, so <see cref="AsUnprivileged"/> runs it as uid 65534 through setpriv).
/// </summary>
public sealed class CcmProcess : IDisposable
{
    public const int NobodyId = 65534;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private CcmProcess(IEnumerable<string> args, bool unprivileged, string home, string? apiToken)
    {
        var start = new ProcessStartInfo(unprivileged ? "setpriv" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home,
        };
        if (unprivileged)
            foreach (var word in (string[])
                [$"--reuid={NobodyId}", $"--regid={NobodyId}", "--clear-groups", "--", "dotnet"])
                start.ArgumentList.Add(word);
        start.ArgumentList.Add(Binaries.Ccm);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["HOME"] = home;
        start.Environment["DOTNET_CLI_HOME"] = home;
        start.Environment.Remove("CMD_TOKEN");
        start.Environment.Remove(ImportOptions.ApiTokenVariable);
        if (apiToken is not null)
            start.Environment[ImportOptions.ApiTokenVariable] = apiToken;

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Root must drop to another user for a chmod 000 to stop it; anyone else is stopped.</summary>
    public static bool AsUnprivileged => Environment.UserName == "root";

    public static CcmProcess Start(IEnumerable<string> args, string home, bool unprivileged = false,
        string? apiToken = null) =>
        new(args, unprivileged, home, apiToken);

    public string Output
    {
        get
        {
            lock (_gate)
                return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"ccm did not exit within {timeout.TotalSeconds} s; output:\n{Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;

        lock (_gate)
            _output.AppendLine(line);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace CommunityCluster.Meta.Benchmark;

/// <summary>A benchmark member as a child process of this program, its log in its folder.</summary>
internal sealed class MemberProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _answers = Channel.CreateUnbounded<string>();
    private readonly StreamWriter _log;

    private MemberProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
        _log = new StreamWriter(logPath) { AutoFlush = true };
    }

    public string Name { get; }

    public string LogPath { get; }

    public static MemberProcess Start(string name, int port, string seed, string folder, bool catchUp)
    {
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(MemberProcess).Assembly.Location);
        foreach (var arg in new[] { "member", port.ToString(CultureInfo.InvariantCulture), seed, Path.Combine(folder, "data"),
                     catchUp ? "catch-up" : "no-catch-up" })
            start.ArgumentList.Add(arg);

        var member = new MemberProcess(name, new Process { StartInfo = start }, Path.Combine(folder, $"{name}.log"));
        member._process.OutputDataReceived += (_, e) => member.Line(e.Data);
        member._process.ErrorDataReceived += (_, e) => member.Line(e.Data);
        member._process.Start();
        member._process.BeginOutputReadLine();
        member._process.BeginErrorReadLine();
        return member;
    }

    public Task ReadyAsync(CancellationToken cancel) => NextAsync("@ready", cancel);

    public async Task<long> HeapAsync(CancellationToken cancel) =>
        long.Parse((await AskAsync("heap", "@heap", cancel))[1], CultureInfo.InvariantCulture);

    public async Task<string[]> AskAsync(string command, string answer, CancellationToken cancel)
    {
        await _process.StandardInput.WriteLineAsync(command);
        return await NextAsync(answer, cancel);
    }

    public async Task CountUntilAsync(int records, CancellationToken cancel)
    {
        while (int.Parse((await AskAsync("count", "@count", cancel))[1], CultureInfo.InvariantCulture) < records)
            await Task.Delay(500, cancel);
    }

    public async Task StopAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("quit");
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _process.WaitForExitAsync(wait.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        Dispose();
    }

    public void Dispose()
    {
        lock (_log)
            _log.Dispose();
        _process.Dispose();
    }

    private async Task<string[]> NextAsync(string answer, CancellationToken cancel)
    {
        while (true)
        {
            var line = await _answers.Reader.ReadAsync(cancel);
            if (line.StartsWith(answer, StringComparison.Ordinal))
                return line.Split(' ');
        }
    }

    private void Line(string? line)
    {
        if (line is null)
            return;

        lock (_log)
        {
            if (_log.BaseStream is not null)
                _log.WriteLine(line);
        }

        if (line.StartsWith('@'))
            _answers.Writer.TryWrite(line);
    }
}

using System.Diagnostics;
using System.Text;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Testing;

/// <summary>
/// A node or lighthouse running as a real process from the built binaries, with its output in a
/// log file of the test's folder. It can be killed (SIGKILL), stopped gracefully (SIGTERM),
/// frozen and thawed, and started again with the same settings.
/// </summary>
public abstract class ClusterProcess : IAsyncDisposable
{
    /// <summary>
    /// Every process any test started. A test that fails before it disposes what it started must
    /// not leave nodes running: whatever still runs when the test process exits is killed.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentBag<Process> Started = StartReaper();

    private readonly string _dll;
    private readonly StringBuilder _stderr = new();
    private readonly Lock _logGate = new();
    private Process? _process;
    private StreamWriter? _log;
    private int _starts;

    protected ClusterProcess(string name, string dll, string folder)
    {
        Name = name;
        _dll = dll;
        Folder = folder;
        Directory.CreateDirectory(folder);
    }

    public string Name { get; }

    public string Folder { get; }

    /// <summary>Environment of the process; every setting variable not named here is removed.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public List<string> Arguments { get; } = [];

    /// <summary>The Akka.Remote protocol the member speaks: plain unless <see cref="UseTls"/> was called.</summary>
    public string Protocol { get; private set; } = "akka.tcp";

    /// <summary>Node-to-node TLS from <paramref name="tlsFolder"/> (ca.crt, node.pfx, revoked.txt), as TLS_DIR.</summary>
    public void UseTls(string tlsFolder, string password = "")
    {
        Environment["TLS_DIR"] = tlsFolder;
        if (password.Length > 0)
            Environment["TLS_CERT_PASSWORD"] = password;
        Protocol = "akka.ssl.tcp";
    }

    /// <summary>A command that runs the process, e.g. <c>ip netns exec NAME</c>; empty runs it directly.</summary>
    public List<string> Launcher { get; } = [];

    public string LogPath => Path.Combine(Folder, $"{Name}.log");

    public int? ProcessId => _process is { HasExited: false } ? _process.Id : null;

    public bool IsRunning => _process is { HasExited: false };

    public string StandardError
    {
        get
        {
            lock (_logGate)
                return _stderr.ToString();
        }
    }

    /// <summary>Every setting variable either process reads, scrubbed from the inherited environment.</summary>
    private static IEnumerable<string> SettingVariables =>
        NodeSettings.Definitions.Select(d => d.EnvironmentVariable)
            .Concat(LighthouseSettings.Definitions.Select(d => d.EnvironmentVariable))
            .Distinct();

    public void Start()
    {
        if (IsRunning)
            throw new InvalidOperationException($"{Name} is already running");

        var start = new ProcessStartInfo(Launcher.Count > 0 ? Launcher[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        if (Launcher.Count > 0)
            Launcher.Skip(1).Append("dotnet").ToList().ForEach(start.ArgumentList.Add);
        start.ArgumentList.Add(_dll);
        Arguments.ForEach(start.ArgumentList.Add);
        foreach (var variable in SettingVariables)
            start.Environment.Remove(variable);
        start.Environment.Remove(MemberCredentials.PasswordVariable);
        foreach (var (key, value) in Environment)
            start.Environment[key] = value;

        lock (_logGate)
        {
            _stderr.Clear();
            _log ??= new StreamWriter(LogPath, append: true) { AutoFlush = true };
            _log.WriteLine($"==== start #{++_starts} of {Name}: dotnet {_dll} {string.Join(' ', Arguments)}");
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => WriteLog(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => WriteLog(e.Data, isError: true);
        process.Start();
        Started.Add(process);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    /// <summary>kill -9: the process gets no chance to leave the cluster.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public void Freeze() => Signals.Send(RunningId(), Signals.Stop);

    public void Thaw() => Signals.Send(RunningId(), Signals.Continue);

    /// <summary>SIGTERM, as <c>docker stop</c> or systemd would send, then waits for the exit code.</summary>
    public async Task<int> StopGracefullyAsync(TimeSpan timeout)
    {
        Signals.Send(RunningId(), Signals.Term);
        return await WaitForExitAsync(timeout);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was never started");
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds} s; log tail:\n{LogTail(30)}");
        }

        process.WaitForExit(); // drains the output handlers
        return process.ExitCode;
    }

    public string LogText()
    {
        lock (_logGate)
            return File.Exists(LogPath) ? ReadShared(LogPath) : "";
    }

    public string LogTail(int lines) => string.Join('\n', LogText().Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        Kill();
        await Task.Yield();
        lock (_logGate)
        {
            _log?.Dispose();
            _log = null;
        }

        GC.SuppressFinalize(this);
    }

    private static System.Collections.Concurrent.ConcurrentBag<Process> StartReaper()
    {
        var started = new System.Collections.Concurrent.ConcurrentBag<Process>();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in started)
            {
                try
                {
                    if (!process.HasExited)
                        process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
            }
        };
        return started;
    }

    private int RunningId() => ProcessId ?? throw new InvalidOperationException($"{Name} is not running");

    private void WriteLog(string? line, bool isError)
    {
        if (line is null)
            return;

        lock (_logGate)
        {
            _log?.WriteLine(isError ? "[stderr] " + line : line);
            if (isError)
                _stderr.AppendLine(line);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace CommunityCluster.Thumbs.Rendering;

/// <summary>
/// The node's side of the render process (<see cref="RenderServer"/>): started on first use, kept
/// warm between jobs, one render at a time, and replaced whenever it dies. Its fences are the
/// ones a library cannot give itself:
/// - memory: its resident set is read every 100 ms, and past <see cref="RenderLimits.MaxMemoryBytes"/>
///   it is killed (no preview: exceeded-memory);
/// - time: past the render's own deadline plus a grace it is killed (no preview: timed-out);
/// - crashes: a decoder that brings the process down gives no preview (decoder-crashed), and the
///   node carries on with a new process.
/// </summary>
public sealed class RenderProcess(string program, IReadOnlyList<string> arguments, string workFolder) : IDisposable
{
    private static readonly TimeSpan HardDeadlineGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(100);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SemaphoreSlim _one = new(1, 1);
    private Process? _process;

    /// <summary>Starts the running executable again with <see cref="RenderServer.Command"/>: the node renders in a
    /// child of its own.</summary>
    public static RenderProcess OfThisExecutable(string workFolder)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var entry = Assembly.GetEntryAssembly()?.Location ?? "";
        var viaDotnet = Path.GetFileNameWithoutExtension(host) == "dotnet";
        return new RenderProcess(host, viaDotnet ? [entry, RenderServer.Command] : [RenderServer.Command], workFolder);
    }

    /// <summary>The render process's id while one runs, for logs and tests.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    public async Task<RenderOutcome> RenderAsync(string source, RenderLimits limits, CancellationToken cancel = default)
    {
        await _one.WaitAsync(cancel);
        try
        {
            return await RenderOne(source, limits, cancel);
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<RenderOutcome> RenderOne(string source, RenderLimits limits, CancellationToken cancel)
    {
        Process process;
        try
        {
            process = EnsureStarted();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            return new RenderOutcome.NoPreview(NoPreviewReason.RendererMissing,
                $"the render process cannot start: {e.Message}");
        }

        var request = new RenderRequest(source, Path.Combine(workFolder, "renditions"), limits.MaxPixels,
            (int)limits.Timeout.TotalMilliseconds);
        await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request, Json).AsMemory(), cancel);
        await process.StandardInput.FlushAsync(cancel);

        var line = process.StandardOutput.ReadLineAsync(cancel).AsTask();
        var deadline = Stopwatch.StartNew();
        while (!line.IsCompleted)
        {
            await Task.WhenAny(line, Task.Delay(WatchInterval, cancel));
            if (line.IsCompleted)
                break;

            if (ResidentBytes(process) is { } resident && resident > limits.MaxMemoryBytes)
                return Kill(process, NoPreviewReason.ExceededMemory,
                    $"the render needed more than {limits.MaxMemoryBytes / 1_000_000} MB");

            if (deadline.Elapsed > limits.Timeout + HardDeadlineGrace)
                return Kill(process, NoPreviewReason.TimedOut,
                    $"the render did not end within {limits.Timeout.TotalSeconds:0} s");
        }

        var answer = await line;
        if (answer is null)
        {
            await process.WaitForExitAsync(CancellationToken.None);
            var code = process.ExitCode;
            _process = null;
            return new RenderOutcome.NoPreview(NoPreviewReason.DecoderCrashed,
                code > 128 ? $"the decoder crashed the render process (signal {code - 128})" : $"the render process ended with code {code}");
        }

        return Read(JsonSerializer.Deserialize<RenderResponse>(answer, Json));
    }

    private Process EnsureStarted()
    {
        if (_process is { HasExited: false } running)
            return running;

        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        process.ErrorDataReceived += (_, _) => { }; // libvips's warnings: drained, not kept
        process.BeginErrorReadLine();
        _process = process;
        return process;
    }

    private RenderOutcome.NoPreview Kill(Process process, NoPreviewReason reason, string detail)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        _process = null;
        return new RenderOutcome.NoPreview(reason, detail);
    }

    private static RenderOutcome Read(RenderResponse? response)
    {
        if (response is { State: "rendered", Small: { } small, Large: { } large })
            return new RenderOutcome.Rendered(Load(ThumbnailKind.Small, small), Load(ThumbnailKind.Large, large),
                response.Notes ?? []);

        if (response is { State: "no-preview" } && NoPreviewReasons.FromCode(response.Reason) is { } reason)
            return new RenderOutcome.NoPreview(reason, response.Detail ?? "");

        return new RenderOutcome.NoPreview(NoPreviewReason.Undecodable,
            $"the render process answered {response?.State}: {response?.Detail}");
    }

    private static RenderedThumbnail Load(ThumbnailKind kind, RenditionFile file)
    {
        var bytes = File.ReadAllBytes(file.Path);
        File.Delete(file.Path);
        return new RenderedThumbnail(kind, bytes, file.ContentType, file.Width, file.Height);
    }

    /// <summary>VmRSS of the process from /proc, in bytes; null where it cannot be read (it just ended, or not
    /// Linux).</summary>
    private static long? ResidentBytes(Process process)
    {
        try
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:",
                StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (_process is { HasExited: false } process)
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(2000))
                process.Kill();
        }

        _process?.Dispose();
        _one.Dispose();
    }
}

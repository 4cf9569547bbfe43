using System.Diagnostics;
using System.Globalization;

namespace CommunityCluster.Ccm.Import;

/// <summary>
/// Files and bytes done, rate, time left and the current file. On a terminal one status line is
/// redrawn in place; otherwise (a pipe, a log file, a test) a plain status line is printed every
/// few seconds, and one line per file that finishes, so a log says what happened to each.
/// </summary>
public sealed class ImportProgress(TextWriter output, bool terminal, int totalFiles, long totalBytes)
{
    private static readonly TimeSpan TerminalEvery = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(2);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _current = new(StringComparer.Ordinal);
    private int _filesDone;
    private long _bytesDone;
    private long _bytesSent;
    private TimeSpan? _lastDrawn;
    private int _drawnWidth;

    public void Start(string path) => Change(() => _current[path] = 0);

    public void Sent(string path, long bytes) => Change(() =>
    {
        _bytesSent += bytes;
        _current[path] = _current.GetValueOrDefault(path) + bytes;
    });

    /// <summary>A file is finished whatever its outcome: its whole size counts as done.</summary>
    public void Finish(ImportEntry entry) => Change(() =>
    {
        _current.Remove(entry.Path);
        _filesDone++;
        _bytesDone += entry.Size;
        if (!terminal)
            output.WriteLine($"{ImportReport.Label(entry.Outcome)}: {entry.Path}"
                + (entry.Reason is null ? "" : $" ({entry.Reason})"));
        else if (entry.Outcome is ImportOutcome.Skipped or ImportOutcome.Failed)
            WriteAbove($"{ImportReport.Label(entry.Outcome)}: {entry.Path} ({entry.Reason})");
    }, force: entry.Outcome is not ImportOutcome.Imported and not ImportOutcome.Present);

    /// <summary>Ends the status line so that the summary starts on a line of its own.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            Draw();
            if (terminal)
                output.WriteLine();
        }
    }

    public string Status()
    {
        var elapsed = _clock.Elapsed;
        var done = _bytesDone + _current.Values.Sum();
        var rate = elapsed.TotalSeconds > 0.5 ? _bytesSent / elapsed.TotalSeconds : 0;
        var left = rate > 0 ? Duration(TimeSpan.FromSeconds(Math.Max(0, totalBytes - done) / rate)) : "?";
        var current = _current.Keys.FirstOrDefault() is { } path ? $", current {path}" : "";
        return $"{_filesDone}/{totalFiles} files, {Bytes(done)}/{Bytes(totalBytes)}, {Bytes((long)rate)}/s, "
            + $"{left} left{current}";
    }

    public static string Bytes(long bytes) => bytes switch
    {
        < 1000 => $"{bytes} B",
        < 1_000_000 => (bytes / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " kB",
        < 1_000_000_000 => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + " GB",
    };

    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}"
        : $"{span.Minutes}:{span.Seconds:00}";

    private void Change(Action change, bool force = false)
    {
        lock (_gate)
        {
            change();
            var every = terminal ? TerminalEvery : PlainEvery;
            if (force || _lastDrawn is not { } last || _clock.Elapsed - last >= every)
                Draw();
        }
    }

    private void Draw()
    {
        _lastDrawn = _clock.Elapsed;
        var status = Status();
        if (!terminal)
        {
            output.WriteLine("progress: " + status);
            return;
        }

        var width = Math.Max(20, SafeWidth() - 1);
        var line = status.Length > width ? status[..width] : status;
        output.Write("\r" + line.PadRight(_drawnWidth));
        _drawnWidth = line.Length;
        output.Flush();
    }

    private void WriteAbove(string line)
    {
        output.Write("\r" + new string(' ', _drawnWidth) + "\r");
        output.WriteLine(line);
        _drawnWidth = 0;
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 100;
        }
        catch (IOException)
        {
            return 100;
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace CommunityCluster.Soak.Tests;

/// <summary>
/// Every step of a soak, stamped with the seconds since it began, written as it happens to a file
/// under artifacts/ (so a long run can be followed with tail -f) and kept for the test's output.
/// </summary>
public sealed class SoakJournal : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly StreamWriter _file;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    public SoakJournal(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FilePath = path;
        _file = new StreamWriter(path, append: false) { AutoFlush = true };
    }

    public string FilePath { get; }

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Write(string line)
    {
        var stamped = $"[{_clock.Elapsed.TotalSeconds.ToString("0000.0", CultureInfo.InvariantCulture)}s] {line}";
        lock (_gate)
        {
            _lines.Add(stamped);
            _file.WriteLine(stamped);
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
                return [.. _lines];
        }
    }

    public void Dispose()
    {
        lock (_gate)
            _file.Dispose();
    }
}

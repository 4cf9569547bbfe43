using System.Diagnostics;
using System.Globalization;
using CommunityCluster.Thumbs.Rendering;

namespace CommunityCluster.Thumbs.Benchmarks;

/// <summary>
/// One image in a process of its own: warm up (libvips loaded, code jitted, on a small picture),
/// note the resident memory, render the image once for the peak, then again for the times.
/// Prints one line: median ms of the 320 px box, fastest ms, median ms of the full job (both
/// renditions), baseline and peak resident KB.
/// </summary>
public static class RendererProbe
{
    public const int Box = 320;

    public static int Measure(string file, int reps)
    {
        var limits = RenderLimits.Default with { Threads = 1 };
        var warm = Path.Combine(Path.GetTempPath(), "cc-bench-warmup.jpg");
        Inputs.MakeWarmup(warm);
        for (var i = 0; i < 5; i++)
            ThumbnailRenderer.RenderBox(warm, Box, limits);

        var baseline = Status("VmRSS");
        var (first, none) = ThumbnailRenderer.RenderBox(file, Box, limits);
        var peak = Status("VmHWM");
        if (first is null)
        {
            Console.WriteLine($"none {none?.Reason.Code()}");
            return 1;
        }

        var boxTimes = Times(reps, () => ThumbnailRenderer.RenderBox(file, Box, limits));
        var jobTimes = Times(Math.Max(1, reps / 2), () => ThumbnailRenderer.Render(file, limits));
        Console.WriteLine(string.Join(' ', new[] { Median(boxTimes), boxTimes.Min(), Median(jobTimes), baseline, peak }
            .Select(v => v.ToString("0.###", CultureInfo.InvariantCulture))));
        return 0;
    }

    private static List<double> Times(int reps, Action render)
    {
        var times = new List<double>();
        for (var i = 0; i < reps; i++)
        {
            var clock = Stopwatch.StartNew();
            render();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>A line of /proc/self/status in KB: VmRSS (now) or VmHWM (the peak so far).</summary>
    private static double Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}

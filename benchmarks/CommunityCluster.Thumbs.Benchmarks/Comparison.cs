using System.Diagnostics;
using System.Globalization;
using System.Text;
using CommunityCluster.Thumbs.Rendering;

namespace CommunityCluster.Thumbs.Benchmarks;

/// <summary>
/// The renderer against <c>vipsthumbnail</c> (Debian's libvips-tools, the same libvips 8.14.1) on
/// the same files in the same run, one thread each (VIPS_CONCURRENCY=1), to a 320 px box.
/// - Time: ours is the fastest of warm renders inside one process; vipsthumbnail's is its warm cost
///   per image, (time for the file given 1 + R times in one command − time for it once) / R, so
///   neither pays process start-up.
/// - Peak memory: what the image adds to a warmed process's resident set: VmHWM after the render
///   minus VmRSS before it (ours); maxrss of vipsthumbnail on the file minus maxrss on a small
///   warm-up picture (theirs).
/// </summary>
public static class Comparison
{
    private const int Repeats = 8;
    private const double MemoryFloorKb = 8 * 1024;

    public static async Task<int> RunAsync(string? resultsPath)
    {
        var root = RepositoryRoot();
        var corpus = Path.GetFullPath(Path.Combine(root, "..", "shared", "testdata", "photos"));
        var scratch = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cc-thumbs-bench")).FullName;
        var warmup = Path.Combine(scratch, "warmup.jpg");
        Inputs.MakeWarmup(warmup);
        var files = Inputs.CorpusPhotos.Select(name => Path.Combine(corpus, name)).Where(File.Exists).ToList();
        files.Add(Inputs.Make108Mp(corpus, scratch));

        var baselineKb = VipsthumbnailPeakKb(warmup, scratch);
        var rows = new List<Row>();
        foreach (var file in files)
        {
            var reps = new FileInfo(file).Length > 5_000_000 ? 3 : Repeats;
            var ours = await OursAsync(file, reps);
            var theirsMs = VipsthumbnailWarmMs(file, reps, scratch);
            var theirsKb = VipsthumbnailPeakKb(file, scratch) - baselineKb;
            rows.Add(new Row(Path.GetFileName(file), Megapixels(file), ours.BoxMs, ours.JobMs, ours.PeakKb, theirsMs,
                theirsKb));
            Console.WriteLine(rows[^1]);
        }

        var path = resultsPath ?? Path.Combine(root, "benchmarks", "results", "thumbs.md");
        await File.WriteAllTextAsync(path, Report(rows));
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    private sealed record Row(string Name, double Megapixels, double OursMs, double OursJobMs, double OursKb,
        double TheirsMs, double TheirsKb)
    {
        public double TimeRatio => OursMs / TheirsMs;

        /// <summary>Against at least 8 MB: below that both are noise in a resident set (allocator arenas, pages
        /// touched).</summary>
        public double MemoryRatio => Math.Max(OursKb, 0) / Math.Max(MemoryFloorKb, TheirsKb);
    }

    private sealed record OursFigures(double BoxMs, double JobMs, double PeakKb);

    private static async Task<OursFigures> OursAsync(string file, int reps)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Comparison).Assembly.Location);
        foreach (var argument in new[] { "measure", file, reps.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var line = (await process.StandardOutput.ReadToEndAsync()).Trim().Split('\n')[^1];
        await process.WaitForExitAsync();
        var values = line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return new OursFigures(values[1], values[2], values[4] - values[3]);
    }

    private static double VipsthumbnailWarmMs(string file, int reps, string scratch)
    {
        // Distinct names (symbolic links), or libvips's operation cache would hand the repeats the
        // first decode; ours runs with that cache off.
        var links = Enumerable.Range(0, 1 + reps).Select(i =>
        {
            var link = Path.Combine(scratch, $"copy-{i}{Path.GetExtension(file)}");
            File.Delete(link);
            File.CreateSymbolicLink(link, file);
            return link;
        }).ToList();

        double Best(int copies) => Enumerable.Range(0, 3).Min(_ =>
        {
            var clock = Stopwatch.StartNew();
            Run("vipsthumbnail", [.. links.Take(copies), .. ThumbnailArguments(scratch)]);
            return clock.Elapsed.TotalMilliseconds;
        });

        return (Best(1 + reps) - Best(1)) / reps;
    }

    private static double VipsthumbnailPeakKb(string file, string scratch)
    {
        var output = Run("/usr/bin/time", ["-f", "maxrss=%M", "vipsthumbnail", file, .. ThumbnailArguments(scratch)]);
        var line = output.Split('\n').Last(l => l.StartsWith("maxrss=", StringComparison.Ordinal));
        return double.Parse(line["maxrss=".Length..], CultureInfo.InvariantCulture);
    }

    private static string[] ThumbnailArguments(string scratch) =>
        ["-s", RendererProbe.Box.ToString(CultureInfo.InvariantCulture), "--export-profile", "srgb",
         "-o", Path.Combine(scratch, "%s_vipsthumbnail.jpg[Q=80,strip]")];

    private static string Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["VIPS_CONCURRENCY"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {stderr.Result}");
        return stdout + stderr.Result;
    }

    private static double Megapixels(string file)
    {
        using var header = NetVips.Image.NewFromFile(file);
        return header.Width * (double)header.Height / 1e6;
    }

    private static string Report(IReadOnlyList<Row> rows)
    {
        static string F(double v, string format = "0") => v.ToString(format, CultureInfo.InvariantCulture);
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name",
            StringComparison.Ordinal))?.Split(':')[1].Trim();
        var text = new StringBuilder();
        text.AppendLine("# Thumbnail renderer against vipsthumbnail");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {cpu} ({Environment.ProcessorCount} cores, shared with other work), ");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"libvips {Libvips.Version} (Debian) for both, one thread each, JPEG output to a {RendererProbe.Box} px box. ");
        text.AppendLine("`dotnet run -c Release --project benchmarks/CommunityCluster.Thumbs.Benchmarks` writes this file; method in `Comparison.cs`.");
        text.AppendLine("Ours includes every fence (header read by the metadata reader and by libvips, pixel limit, `fail_on=error`,");
        text.AppendLine("deadline, sRGB export, metadata stripped). \"Full job\" is what a ThumbHub job does: the 1440 px preview and the");
        text.AppendLine("250 px tile from one decode. Memory is what the image adds to a warmed process (see `Comparison.cs`); the");
        text.AppendLine("memory ratio divides by at least 8 MB, since below that both figures are resident-set noise. Times are the best");
        text.AppendLine("of several warm runs on each side (the machine is shared), vipsthumbnail's without its operation cache's help.");
        text.AppendLine();
        text.AppendLine("| image | MP | ours ms | vipsthumbnail ms | time ratio | ours MB | vipsthumbnail MB | memory ratio | full job ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {F(r.Megapixels, "0.0")} | {F(r.OursMs)} | {F(r.TheirsMs)} | {F(r.TimeRatio, "0.00")} | {F(r.OursKb / 1024, "0.0")} | " +
                $"{F(r.TheirsKb / 1024, "0.0")} | {F(r.MemoryRatio, "0.00")} | {F(r.OursJobMs)} |");
        }

        text.AppendLine();
        var timeOk = rows.Count(r => r.TimeRatio <= 1.25);
        var memoryOk = rows.Count(r => r.MemoryRatio <= 2);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Targets (issue 12): time at most 1.25 × vipsthumbnail on {timeOk} of {rows.Count} images; peak memory at most 2 × on {memoryOk} of {rows.Count}. ");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Median time ratio {F(RendererProbe.Median([.. rows.Select(r => r.TimeRatio)]), "0.00")}, median memory ratio {F(RendererProbe.Median([.. rows.Select(r => r.MemoryRatio)]), "0.00")}.");
        return text.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CommunityCluster.sln")))
                return folder.FullName;
        }

        throw new DirectoryNotFoundException("no CommunityCluster.sln above the benchmark");
    }
}

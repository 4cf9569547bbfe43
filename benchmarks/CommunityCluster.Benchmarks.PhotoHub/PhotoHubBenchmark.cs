using System.Diagnostics;
using System.Globalization;
using System.Text;
using CommunityCluster.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CommunityCluster.Benchmarks.PhotoHub;

/// <summary>
/// Upload: a four-node community on loopback with replication factor 3 against <c>dd conv=fsync</c>
/// writing the same bytes three times on the same disk. Download: PhotoHub against Kestrel serving
/// the same files from disk. Each pair runs in the same process on the same machine, so the ratio
/// holds where absolute figures drift.
/// </summary>
public static class PhotoHubBenchmark
{
    public static async Task<string> RunAsync(int fileCount, int megabytesEach)
    {
        using var folder = new TestFolder("photohub-benchmark");
        var photos = Enumerable.Range(0, fileCount)
            .Select(i => TestPhotos.RandomFile(folder.Combine("photos"), $"p{i:000}.jpg", megabytesEach * 1_000_000L, seed: 1000 + i)).ToList();
        var bytes = photos.Sum(p => p.Size);

        var dd = MeasureDd(photos, folder.Combine("dd"));
        var kestrel = await MeasureKestrel(photos);

        await using var community = await LocalCommunity.StartAsync(folder, nodeCount: 4, TimeSpan.FromSeconds(60));
        await Eventually.Until(async () => (await community.Nodes[0].StorageStatusAsync()).GetProperty("nodes").GetArrayLength() == 4,
            TimeSpan.FromSeconds(60), "four photos nodes");
        var (acked, replicated) = await MeasureUpload(community, photos);
        var download = await MeasureDownload(community.Nodes[1], photos);

        return Report(fileCount, megabytesEach, bytes, dd, kestrel, acked, replicated, download);
    }

    private static TimeSpan MeasureDd(IReadOnlyList<TestPhoto> photos, string target)
    {
        Directory.CreateDirectory(target);
        var clock = Stopwatch.StartNew();
        foreach (var photo in photos)
        {
            for (var copy = 0; copy < 3; copy++)
                Run("dd", $"if={photo.Path}", $"of={Path.Combine(target, $"{photo.Name}.{copy}")}", "bs=1M", "conv=fsync", "status=none");
        }

        return clock.Elapsed;
    }

    private static async Task<TimeSpan> MeasureKestrel(IReadOnlyList<TestPhoto> photos)
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        await using var app = builder.Build();
        var byName = photos.ToDictionary(p => p.Name);
        app.MapGet("/files/{name}", (string name) => Results.File(byName[name].Path, "image/jpeg"));
        await app.StartAsync();

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var clock = Stopwatch.StartNew();
        foreach (var photo in photos)
        {
            await using var body = await http.GetStreamAsync(new Uri($"/files/{photo.Name}", UriKind.Relative));
            await body.CopyToAsync(Stream.Null);
        }

        var elapsed = clock.Elapsed;
        await app.StopAsync();
        return elapsed;
    }

    private static async Task<(TimeSpan Acked, TimeSpan Replicated)> MeasureUpload(LocalCommunity community, IReadOnlyList<TestPhoto> photos)
    {
        var uploader = community.Nodes[0];
        var clock = Stopwatch.StartNew();
        await uploader.UploadAllAsync(photos, perRequest: 1);
        var acked = clock.Elapsed;
        await Eventually.Until(uploader.StorageStatusAsync,
            s => s.GetProperty("underReplicatedChunks").GetInt64() == 0 && s.GetProperty("repairsRunning").GetInt32() == 0,
            TimeSpan.FromMinutes(10), "three copies of every photo");
        return (acked, clock.Elapsed);
    }

    private static async Task<TimeSpan> MeasureDownload(NodeProcess reader, IReadOnlyList<TestPhoto> photos)
    {
        var clock = Stopwatch.StartNew();
        var failures = await reader.UnreadableAsync(photos);
        if (failures.Count > 0)
            throw new InvalidOperationException("downloads failed: " + string.Join("; ", failures));

        return clock.Elapsed;
    }

    private static string Report(int files, int megabytes, long bytes, TimeSpan dd, TimeSpan kestrel, TimeSpan acked, TimeSpan replicated,
        TimeSpan download)
    {
        static string Rate(long bytes, TimeSpan elapsed) => (bytes / 1e6 / elapsed.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture) + " MB/s";
        static string Ratio(TimeSpan baseline, TimeSpan measured) => (baseline.TotalSeconds / measured.TotalSeconds).ToString("0.00", CultureInfo.InvariantCulture);

        var text = new StringBuilder();
        text.AppendLine("# PhotoHub throughput");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, {files} files of {megabytes} MB ({bytes / 1e6:0} MB), random bytes.");
        text.AppendLine("Command: `dotnet run -c Release --project benchmarks/CommunityCluster.Benchmarks.PhotoHub -- " + files + " " + megabytes + "`");
        text.AppendLine();
        text.AppendLine("| what | time | throughput | ratio to its baseline |");
        text.AppendLine("|---|---|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| baseline: `dd bs=1M conv=fsync`, each file written 3 times | {dd.TotalSeconds:0.0} s | {Rate(bytes, dd)} (of photo bytes) | 1 |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| upload to a 4-node community, RF 3, acknowledged at quorum 2 | {acked.TotalSeconds:0.0} s | {Rate(bytes, acked)} | {Ratio(dd, acked)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| upload until all 3 copies are written | {replicated.TotalSeconds:0.0} s | {Rate(bytes, replicated)} | {Ratio(dd, replicated)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| baseline: Kestrel serving the files from disk | {kestrel.TotalSeconds:0.0} s | {Rate(bytes, kestrel)} | 1 |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| download from node-2 (chunks from the best replicas, verified) | {download.TotalSeconds:0.0} s | {Rate(bytes, download)} | {Ratio(kestrel, download)} |");
        text.AppendLine();
        text.AppendLine("A ratio is baseline time / measured time: 1 is as fast as the baseline, 0.5 takes twice as long.");
        text.AppendLine("All four nodes, the lighthouse and the client share one machine and one disk: every copy is");
        text.AppendLine("written to the same disk, and the nodes' CPU competes with the client's. Downloads are sequential, one photo at a time.");
        return text.ToString();
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed: {process.StandardError.ReadToEnd()}");
    }
}

using System.Globalization;
using System.Text;
using CommunityCluster.Testing;

namespace CommunityCluster.Benchmarks.WebUI;

/// <summary>
/// One node with every role and the corpus uploaded (generated files where ../shared is absent, which
/// have no thumbnails: the thumbnail row is then left out), then wrk against each target and its baseline,
/// one after the other so they never compete for the two cores.
/// </summary>
public sealed class WebUiBenchmark(TimeSpan duration, int connections, int threads)
{
    private static readonly TimeSpan Warmup = TimeSpan.FromSeconds(2);

    public async Task<string> RunAsync()
    {
        using var folder = new TestFolder("webui-benchmark");
        await using var node = new NodeProcess("node", folder.Combine("node"), "bench", []);
        node.Start();
        await node.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var photos = TestPhotos.CorpusOrGenerated(folder, out var corpus);
        await node.UploadAllAsync(photos);
        var thumbnail = await ReadyThumbnailAsync(node, photos);

        var files = folder.Combine("baseline");
        Directory.CreateDirectory(files);
        var targets = new List<(string Name, string Path, string File)>
        {
            ("index.html", "/", "page.html"),
            ("GET /api/photos?limit=60", "/api/photos?limit=60", "photos.json"),
        };
        if (thumbnail is not null)
            targets.Add(("GET /api/photos/{id}/thumbnail?size=small", $"/api/photos/{thumbnail}/thumbnail?size=small",
                "thumbnail.jpg"));
        foreach (var target in targets)
            await File.WriteAllBytesAsync(Path.Combine(files, target.File),
                await node.Http.GetByteArrayAsync(new Uri(target.Path, UriKind.Relative)));

        await using var baseline = await Baseline.StartAsync(files, FreePorts.Next());
        var rows = new List<string>();
        foreach (var (name, path, file) in targets)
        {
            var size = new FileInfo(Path.Combine(files, file)).Length;
            var measured = await MeasureAsync($"http://127.0.0.1:{node.HttpPort}{path}", await node.ApiTokenAsync());
            var reference = await MeasureAsync(baseline.Url(file), null);
            rows.Add(Row($"node: {name}", size, measured, reference));
            rows.Add(Row($"baseline: Kestrel static file `{file}`", size, reference, reference));
        }

        return Report(corpus, photos.Count, thumbnail is null, rows);
    }

    private async Task<WrkResult> MeasureAsync(string url, string? bearer)
    {
        await Wrk.RunAsync(url, threads, connections, Warmup, bearer);
        var result = await Wrk.RunAsync(url, threads, connections, duration, bearer);
        Console.WriteLine($"{url}: p50 {result.P50Ms} ms, p99 {result.P99Ms} ms, {result.RequestsPerSecond} req/s");
        return result;
    }

    /// <summary>The id of a photo whose thumbnails are made, waiting for the first one of the corpus.</summary>
    private static async Task<string?> ReadyThumbnailAsync(NodeProcess node, IReadOnlyList<TestPhoto> photos)
    {
        if (!SharedData.IsPresent)
            return null;
        var id = photos.First(p => p.Name == "ianare_Canon_40D.jpg").Id;
        await Eventually.Until(async () => (await node.GetJsonAsync($"/api/photos/{id}")).GetProperty("thumbnails")
            .GetProperty("state").GetString() == "ready", TimeSpan.FromMinutes(3), "the benchmark photo's thumbnails");
        return id;
    }

    private static string Row(string what, long size, WrkResult r, WrkResult baseline) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {size:N0} | {r.P50Ms:0.00} | {r.P99Ms:0.00} | {r.RequestsPerSecond:N0} | "
            + $"{r.RequestsPerSecond / baseline.RequestsPerSecond:0.00} | {r.Errors} |");

    private string Report(string corpus, int photos, bool noThumbnail, List<string> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("# WebUI under load");
        text.AppendLine();
        var seconds = (int)duration.TotalSeconds;
        text.AppendLine(FormattableString.Invariant($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on ")
            + FormattableString.Invariant($"{Environment.ProcessorCount} cores: one node with every role, ")
            + $"{photos} photos uploaded from {corpus}.");
        text.AppendLine("Command: `dotnet run -c Release --project benchmarks/CommunityCluster.Benchmarks.WebUI -- "
            + FormattableString.Invariant($"{seconds} {connections} {threads}` (wrk -t{threads} -c{connections} ")
            + FormattableString.Invariant($"-d{seconds}s --latency, after a 2 s warm-up, on loopback)."));
        text.AppendLine();
        text.AppendLine("| what | bytes | p50 ms | p99 ms | requests/s | ratio to baseline | non-2xx |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        rows.ForEach(r => text.AppendLine(r));
        text.AppendLine();
        text.AppendLine("The ratio is the node's requests per second over the baseline's: Kestrel serving a file of "
            + "the same bytes from disk, in this process, just before or after. wrk, the node and the baseline "
            + "share the machine's cores.");
        if (noThumbnail)
            text.AppendLine().AppendLine("No thumbnail row: " + SharedData.AbsentReason);
        return text.ToString();
    }
}

using System.Globalization;
using System.Text.Json;
using CommunityCluster.Testing;
using CommunityCluster.Testing.Testbed;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace CommunityCluster.Node.Tests.ThumbHub;

/// <summary>
/// Thumbnail work arriving at every home of the testbed at once: each home gets its share of the
/// photos uploaded one after the other, all homes together; the time of a job is from its upload
/// (the record's queuedAt) to its thumbnails being settled (settledAt).
/// </summary>
/// <summary>One job of the workload: upload to settled, where it ran, and where its time went on the worker.</summary>
internal sealed record WorkloadJob(double Ms, string Worker, string State, double WaitedMs, double FetchMs,
    double RenderMs, double StoreMs)
{
    /// <summary>The time not spent on the worker: assigning the job and carrying its messages.</summary>
    public double MessagesMs => Ms - WaitedMs - FetchMs - RenderMs - StoreMs;
}

internal static class TestbedWorkload
{
    /// <summary>Small real photos (80 to 350 KB): a 350 KB photo already takes 11 s to cross an ADSL uplink.</summary>
    public static IReadOnlyList<TestPhoto> Photos() =>
        SharedData.FilesIn(SharedData.PhotosFolder).Select(TestPhoto.Of)
            .Where(p => p.Size is > 60_000 and < 400_000 && p.Name.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase))
            .DistinctBy(p => p.Id).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// <paramref name="count"/> distinct photos from <paramref name="bases"/>: each base in turn, the
    /// n-th copy with a block of its own colour in a corner, so that every copy is a new photo id
    /// and also gets renditions of its own. (Copies that differed only in bytes the decoder skips
    /// had identical renditions, which PhotoHub found already stored: those jobs stored nothing and
    /// made the figures depend on which job came first.)
    /// </summary>
    public static IReadOnlyList<TestPhoto> Variants(IReadOnlyList<TestPhoto> bases, int count, string folder)
    {
        Directory.CreateDirectory(folder);
        var variants = new List<TestPhoto>();
        for (var i = 0; i < count; i++)
        {
            var source = bases[i % bases.Count];
            var path = Path.Combine(folder, $"{i:000}-{source.Name}");
            using (var image = Image.Load<Rgb24>(source.Path))
            {
                var side = Math.Max(16, Math.Min(image.Width, image.Height) / 12);
                var colour = new Rgb24((byte)(i * 37), (byte)(i * 91), (byte)(i * 53));
                for (var y = 0; y < side; y++)
                    for (var x = 0; x < side; x++)
                        image[x, y] = colour;
                image.SaveAsJpeg(path, new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 90 });
            }

            variants.Add(TestPhoto.Of(path));
        }

        return variants;
    }

    /// <summary>Waits until every home has measured the throughput of its links to the other homes.</summary>
    public static Task WaitForMeasuredLinksAsync(TestbedCommunity testbed, TimeSpan within) =>
        Eventually.Until(async () =>
        {
            foreach (var home in testbed.Homes)
            {
                var row = (await home.GetJsonAsync("/api/cluster/links")).GetProperty("rows")[0].GetProperty("links");
                var measured = row.EnumerateArray().Count(l =>
                    l.GetProperty("throughputMbit").ValueKind == JsonValueKind.Number
                    && testbed.Homes.Any(h => h.Address == l.GetProperty("to").GetString()));
                if (measured < testbed.Homes.Count - 1)
                    return false;
            }

            return true;
        }, within, "every home to measure its links to the others");

    /// <summary>Throughput in Mbit/s that <paramref name="from"/> measured to <paramref name="to"/>.</summary>
    public static async Task<double> MeasuredMbitAsync(NodeProcess from, NodeProcess to)
    {
        var row = (await from.GetJsonAsync("/api/cluster/links")).GetProperty("rows")[0].GetProperty("links");
        return row.EnumerateArray().Single(l =>
            l.GetProperty("to").GetString() == to.Address).GetProperty("throughputMbit").GetDouble();
    }

    /// <summary>Runs the workload; returns each job's upload-to-thumbnail time in ms, and where each ran.</summary>
    public static async Task<IReadOnlyList<WorkloadJob>> RunAsync(
        TestbedCommunity testbed, IReadOnlyList<TestPhoto> photos, int perHome, TimeSpan within)
    {
        var shares = testbed.Homes.Select((home, i) => (Home: home,
            Photos: photos.Skip(i * perHome).Take(perHome).ToList())).ToList();
        await Task.WhenAll(shares.Select(async share =>
        {
            foreach (var photo in share.Photos)
                await share.Home.UploadAllAsync([photo]);
        }));

        var results = new List<WorkloadJob>();
        foreach (var (home, mine) in shares)
        {
            var settled = await Thumbnails.WaitSettledAsync(home, mine.Select(p => p.Id), within);
            foreach (var thumbnails in settled.Values)
            {
                var job = thumbnails.GetProperty("job");
                var queued = DateTimeOffset.Parse(job.GetProperty("queuedAt").GetString()!,
                    CultureInfo.InvariantCulture);
                var done = DateTimeOffset.Parse(job.GetProperty("settledAt").GetString()!,
                    CultureInfo.InvariantCulture);
                var timings = job.TryGetProperty("timings", out var t) && t.ValueKind == JsonValueKind.Object
                    ? t
                    : (JsonElement?)null;
                double Part(string name) => timings?.GetProperty(name).GetDouble() ?? 0;
                results.Add(new WorkloadJob((done - queued).TotalMilliseconds,
                    job.GetProperty("workerHome").GetString() ?? "?", Thumbnails.State(thumbnails),
                    Part("waitedMs"), Part("fetchMs"), Part("renderMs"), Part("storeMs")));
            }
        }

        return results;
    }

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}

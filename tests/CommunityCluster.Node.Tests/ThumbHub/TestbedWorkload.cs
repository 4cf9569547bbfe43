using System.Globalization;
using System.Text.Json;
using CommunityCluster.Testing;
using CommunityCluster.Testing.Testbed;

namespace CommunityCluster.Node.Tests.ThumbHub;

/// <summary>
/// Thumbnail work arriving at every home of the testbed at once: each home gets its share of the
/// photos uploaded one after the other, all homes together; the time of a job is from its upload
/// (the record's queuedAt) to its thumbnails being settled (settledAt).
/// </summary>
internal static class TestbedWorkload
{
    /// <summary>Small real photos (80 to 350 KB): a 350 KB photo already takes 11 s to cross an ADSL uplink.</summary>
    public static IReadOnlyList<TestPhoto> Photos() =>
        SharedData.FilesIn(SharedData.PhotosFolder).Select(TestPhoto.Of)
            .Where(p => p.Size is > 60_000 and < 400_000 && p.Name.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase))
            .DistinctBy(p => p.Id).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();

    /// <summary>
    /// <paramref name="count"/> distinct photos from <paramref name="bases"/>: each base in turn, the
    /// n-th copy with a marker after the JPEG's end (decoders stop at the end-of-image marker), so
    /// every copy is a new photo id with the same pixels and nearly the same size.
    /// </summary>
    public static IReadOnlyList<TestPhoto> Variants(IReadOnlyList<TestPhoto> bases, int count, string folder)
    {
        Directory.CreateDirectory(folder);
        var variants = new List<TestPhoto>();
        for (var i = 0; i < count; i++)
        {
            var source = bases[i % bases.Count];
            var path = Path.Combine(folder, $"{i:000}-{source.Name}");
            var marker = System.Text.Encoding.ASCII.GetBytes($"cc-router-bench-{i}");
            File.WriteAllBytes(path, [.. File.ReadAllBytes(source.Path), .. marker]);
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
    public static async Task<IReadOnlyList<(double Ms, string Worker, string State)>> RunAsync(
        TestbedCommunity testbed, IReadOnlyList<TestPhoto> photos, int perHome, TimeSpan within)
    {
        var shares = testbed.Homes.Select((home, i) => (Home: home,
            Photos: photos.Skip(i * perHome).Take(perHome).ToList())).ToList();
        await Task.WhenAll(shares.Select(async share =>
        {
            foreach (var photo in share.Photos)
                await share.Home.UploadAllAsync([photo]);
        }));

        var results = new List<(double, string, string)>();
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
                results.Add(((done - queued).TotalMilliseconds, job.GetProperty("workerHome").GetString() ?? "?",
                    Thumbnails.State(thumbnails)));
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

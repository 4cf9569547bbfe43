using CommunityCluster.Metadata;
using CommunityCluster.Testing;
using CommunityCluster.Thumbs.Rendering;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using Xunit.Abstractions;

namespace CommunityCluster.Node.Tests.ThumbHub;

/// <summary>
/// Every photo of the shared corpus uploaded through the API: thumbnails upright and sized, or
/// no preview with a reason. The renditions are decoded with ImageSharp, a decoder independent of
/// the libvips that made them.
/// </summary>
[Collection(nameof(ThumbnailNodeCollection))]
public sealed class ThumbnailCorpusSpecs(ThumbnailNodeFixture fixture, ITestOutputHelper output)
{
    private NodeProcess Node => fixture.Node;

    [SharedDataFact]
    public async Task Every_corpus_photo_should_get_upright_thumbnails_or_no_preview_with_a_reason()
    {
        var photos = SharedData.FilesIn(SharedData.PhotosFolder).Select(TestPhoto.Of).ToList();

        await Node.UploadAllAsync(photos);
        var settled = await Thumbnails.WaitSettledAsync(Node, photos.Select(p => p.Id), TimeSpan.FromSeconds(180));

        var failures = new List<string>();
        foreach (var photo in photos.DistinctBy(p => p.Id))
        {
            var thumbnails = settled[photo.Id];
            output.WriteLine($"{photo.Name}: {thumbnails}");
            if (Thumbnails.State(thumbnails) == "no-preview")
            {
                if (photo.Name != "pillow_ultrahdr.jpg"
                    || thumbnails.GetProperty("reason").GetString() != "undecodable")
                    failures.Add($"{photo.Name}: unexpected no preview ({thumbnails.GetProperty("reason")})");
                continue;
            }

            var metadata = PhotoMetadataReader.Read(File.OpenRead(photo.Path), photo.Id, photo.Name,
                DateTimeOffset.UtcNow);
            var expected = ThumbnailGeometry.Large(metadata.Width!.Value, metadata.Height!.Value);
            using var large = Image.Load<Rgb24>(await Thumbnails.DownloadAsync(Node, photo.Id, "large"));
            using var small = Image.Load<Rgb24>(await Thumbnails.DownloadAsync(Node, photo.Id, "small"));
            if ((large.Width, large.Height) != expected)
                failures.Add($"{photo.Name}: large is {large.Width}x{large.Height}, expected {expected}");
            if ((small.Width, small.Height) != ThumbnailGeometry.Small(large.Width, large.Height))
                failures.Add($"{photo.Name}: small is {small.Width}x{small.Height}");
            if (Timings(thumbnails) is { } problem)
                failures.Add($"{photo.Name}: {problem}");
        }

        Assert.Empty(failures);
    }

    /// <summary>What is wrong with a ready job's stage times, or null: each stage measured, rendering took time,
    /// and together they fit between the upload and the settling (the worker had the job in between).</summary>
    private static string? Timings(System.Text.Json.JsonElement thumbnails)
    {
        var job = thumbnails.GetProperty("job");
        if (!job.TryGetProperty("timings", out var timings) || timings.ValueKind != System.Text.Json.JsonValueKind.Object)
            return "a ready job without timings";

        var stages = new[] { "waitedMs", "fetchMs", "renderMs", "storeMs" }.Select(n => timings.GetProperty(n).GetDouble()).ToList();
        var total = (job.GetProperty("settledAt").GetDateTimeOffset() - job.GetProperty("queuedAt").GetDateTimeOffset())
            .TotalMilliseconds;
        if (stages.Any(ms => ms < 0) || stages[2] <= 0)
            return $"stage times {timings}";

        // One clock (one machine); the API rounds each stage to a millisecond.
        return stages.Sum() <= total + 4 ? null : $"stages {stages.Sum():0} ms longer than the job's {total:0} ms";
    }

    /// <summary>Landscape_0 to _8 hold one scene in every EXIF orientation: served upright, each matches _1's
    /// rendition.</summary>
    [SharedDataFact]
    public async Task Orientation_samples_should_be_served_upright_pixel_for_pixel()
    {
        var samples = Enumerable.Range(0,
            9).Select(i => TestPhoto.Of(SharedData.Photo($"recurser_Landscape_{i}.jpg"))).ToList();
        await Node.UploadAllAsync(samples);
        await Thumbnails.WaitSettledAsync(Node, samples.Select(s => s.Id), TimeSpan.FromSeconds(120));
        using var reference = Image.Load<Rgb24>(await Thumbnails.DownloadAsync(Node, samples[1].Id, "large"));

        foreach (var sample in samples)
        {
            using var image = Image.Load<Rgb24>(await Thumbnails.DownloadAsync(Node, sample.Id, "large"));

            var difference = MeanDifference(reference, image);
            output.WriteLine($"{sample.Name}: {image.Width}x{image.Height}, mean difference {difference:0.00}");
            Assert.Equal((1440, 960), (image.Width, image.Height));
            Assert.True(difference < 6,
                $"{sample.Name} differs from the upright reference by {difference:0.00} per sample");
        }

        using var mirrored = reference.Clone(c => c.Flip(FlipMode.Horizontal));
        Assert.True(MeanDifference(reference, mirrored) > 20, "a wrongly turned picture would be noticed");
    }

    [SharedDataFact]
    public async Task Progress_should_be_pushed_as_server_sent_events_until_settled()
    {
        var photo = TestPhoto.Of(SharedData.Photo("ianare_hdr_iphone_hdr_YES.jpg"));
        await Node.UploadAllAsync([photo]);

        using var response = await Node.Http.GetAsync(new Uri($"/api/photos/{photo.Id}/thumbnail/events",
            UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("event: thumbnail\ndata: {", e, StringComparison.Ordinal));
        Assert.Contains("\"state\":\"ready\"", events[^1], StringComparison.Ordinal);
    }

    private static double MeanDifference(Image<Rgb24> a, Image<Rgb24> b)
    {
        long total = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                var p = a[x, y];
                var q = b[x, y];
                total += Math.Abs(p.R - q.R) + Math.Abs(p.G - q.G) + Math.Abs(p.B - q.B);
            }
        }

        return total / (3.0 * a.Width * a.Height);
    }
}

[CollectionDefinition(nameof(ThumbnailNodeCollection))]
public sealed class ThumbnailNodeCollection : ICollectionFixture<ThumbnailNodeFixture>;

using System.Diagnostics;
using CommunityCluster.Testing;
using Xunit.Abstractions;

namespace CommunityCluster.Thumbs.Rendering.Tests;

/// <summary>
/// Every file of <c>../shared/testdata/bad</c>, and hostile files made here: a clear outcome,
/// within bounded time and memory, and never an exception.
/// </summary>
public sealed class BadInputSpecs(ITestOutputHelper output)
{
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(10);

    /// <summary>What each bad file must give. Several outcomes are fine where two fences may each stop it
    /// first.</summary>
    private static readonly Dictionary<string, NoPreviewReason[]> Expected = new()
    {
        ["pp_empty.jpg"] = [NoPreviewReason.Empty],
        ["sharp_truncated.jpg"] = [NoPreviewReason.Undecodable],
        ["pillow_truncated_jpeg.jpg"] = [NoPreviewReason.Undecodable],
        ["sharp_truncated.png"] = [NoPreviewReason.Undecodable],
        ["sharp_corrupt-header.jpg"] = [NoPreviewReason.Undecodable],
        ["pp_broken.jpg"] = [NoPreviewReason.Undecodable],
        ["sharp_giant-image.jpg"] = [NoPreviewReason.TooManyPixels],
        ["sharp_65536-uint32-limit.png"] = [NoPreviewReason.TooManyPixels],
        ["mwasm_warning.jpg"] = [NoPreviewReason.TooManyPixels],
        ["pillow_decompression_bomb.gif"] = [NoPreviewReason.TooManyPixels, NoPreviewReason.Undecodable],
    };

    /// <summary>Valid pictures in hostile clothing: wrong extension, looping or aliased EXIF, text bombs in a 1x1
    /// PNG.</summary>
    private static readonly HashSet<string> RenderedExpected =
    [
        "pp_this-is-a-jpeg.png", "pp_wrong.heic", "ianare_tests_45-gps_ifd.jpg", "pillow_exif-ifd-offset.jpg",
        "pillow_png_decompression_dos.png",
    ];

    public static TheoryData<string> BadFiles()
    {
        var data = new TheoryData<string>();
        foreach (var name in Expected.Keys.Concat(RenderedExpected).Order(StringComparer.Ordinal))
            data.Add(name);
        return data;
    }

    [LibvipsFact(needsCorpus: true)]
    public void The_table_should_name_every_file_of_the_bad_folder()
    {
        var names = SharedData.FilesIn(SharedData.BadFolder).Select(Path.GetFileName).ToHashSet();

        Assert.Equal(names.Order(), Expected.Keys.Concat(RenderedExpected).Order());
    }

    [LibvipsTheory(needsCorpus: true)]
    [MemberData(nameof(BadFiles))]
    public void Bad_file_should_end_in_a_clear_outcome_within_bounds(string name)
    {
        var clock = Stopwatch.StartNew();

        var outcome = ThumbnailRenderer.Render(SharedData.Bad(name));

        clock.Stop();
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1_000_000;
        output.WriteLine($"{name}: {Describe(outcome)} in {clock.ElapsedMilliseconds} ms; test process peak {peakMb} MB");
        Assert.True(clock.Elapsed < TimeBound, $"took {clock.Elapsed}");
        Assert.True(peakMb < 1500, $"the process peaked at {peakMb} MB");
        if (RenderedExpected.Contains(name))
            Assert.IsType<RenderOutcome.Rendered>(outcome);
        else
            Assert.Contains(Assert.IsType<RenderOutcome.NoPreview>(outcome).Reason, Expected[name]);
    }

    [LibvipsFact]
    public void A_render_past_its_deadline_should_be_killed_and_say_so()
    {
        using var folder = new TestFolder(nameof(A_render_past_its_deadline_should_be_killed_and_say_so));
        // A JPEG this size shrinks while it loads and may render within the deadline on a fast, idle
        // machine; a PNG of it must be decoded whole, which takes hundreds of milliseconds anywhere.
        var path = Made.Png(folder.Combine("big.png"), 6000, 4000);

        var outcome = ThumbnailRenderer.Render(path,
            RenderLimits.Default with { Timeout = TimeSpan.FromMilliseconds(30) });

        Assert.Equal(NoPreviewReason.TimedOut, Assert.IsType<RenderOutcome.NoPreview>(outcome).Reason);
    }

    [LibvipsFact]
    public void A_picture_over_the_pixel_limit_should_be_refused_before_decoding()
    {
        using var folder = new TestFolder(nameof(A_picture_over_the_pixel_limit_should_be_refused_before_decoding));
        var path = Made.Jpeg(folder.Combine("over.jpg"), 400, 300);

        var outcome = ThumbnailRenderer.Render(path, RenderLimits.Default with { MaxPixels = 100_000 });

        var none = Assert.IsType<RenderOutcome.NoPreview>(outcome);
        Assert.Equal(NoPreviewReason.TooManyPixels, none.Reason);
        Assert.Contains("400 × 300", none.Detail, StringComparison.Ordinal);
    }

    [LibvipsTheory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void A_cut_jpeg_should_be_an_error_not_a_grey_fill(double kept)
    {
        using var folder = new TestFolder(nameof(A_cut_jpeg_should_be_an_error_not_a_grey_fill));
        var whole = File.ReadAllBytes(Made.Jpeg(folder.Combine("whole.jpg"), 800, 600));
        var cut = folder.Combine("cut.jpg");
        File.WriteAllBytes(cut, whole[..(int)(whole.Length * kept)]);

        var outcome = ThumbnailRenderer.Render(cut);

        Assert.Equal(NoPreviewReason.Undecodable, Assert.IsType<RenderOutcome.NoPreview>(outcome).Reason);
    }

    [LibvipsFact]
    public void Randomly_damaged_photos_should_never_throw()
    {
        using var folder = new TestFolder(nameof(Randomly_damaged_photos_should_never_throw));
        var original = File.ReadAllBytes(Made.Jpeg(folder.Combine("source.jpg"), 640, 480));
        var random = new Random(1234);
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < 40; i++)
        {
            var damaged = (byte[])original.Clone();
            for (var flips = 0; flips < 1 + i % 8; flips++)
                damaged[random.Next(2, damaged.Length)] = (byte)random.Next(256);
            var path = folder.Combine($"damaged-{i}.jpg");
            File.WriteAllBytes(path, damaged);

            var outcome = ThumbnailRenderer.Render(path);

            var key = outcome is RenderOutcome.NoPreview none ? none.Reason.Code() : "rendered";
            outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
        }

        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key}: {o.Value}")));
        Assert.Equal(40, outcomes.Values.Sum());
    }

    private static string Describe(RenderOutcome outcome) => outcome switch
    {
        RenderOutcome.NoPreview none => $"no preview ({none.Reason.Code()}: {none.Detail})",
        RenderOutcome.Rendered r => $"rendered {r.Large.Width}x{r.Large.Height}",
        _ => "?",
    };
}

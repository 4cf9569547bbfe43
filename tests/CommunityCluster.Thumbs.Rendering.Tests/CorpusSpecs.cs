using CommunityCluster.Metadata;
using CommunityCluster.Testing;
using Xunit.Abstractions;

namespace CommunityCluster.Thumbs.Rendering.Tests;

/// <summary>Every photo of <c>../shared/testdata/photos</c>: two renditions, upright, of the right size and
/// kind.</summary>
public sealed class CorpusSpecs(ITestOutputHelper output)
{
    public static TheoryData<string> Photos()
    {
        var data = new TheoryData<string>();
        if (SharedData.IsPresent)
        {
            foreach (var file in SharedData.FilesIn(SharedData.PhotosFolder))
                data.Add(Path.GetFileName(file));
        }
        else
        {
            data.Add("(corpus absent)");
        }

        return data;
    }

    /// <summary>
    /// Corpus files that rightly get no preview. pillow_ultrahdr.jpg is cut 14 bytes into its
    /// primary image's scan: the "near-uniform grey frame" other viewers show is libjpeg's fill.
    /// </summary>
    private static readonly Dictionary<string, NoPreviewReason> NoPreviewExpected = new()
    {
        ["pillow_ultrahdr.jpg"] = NoPreviewReason.Undecodable,
    };

    [LibvipsTheory(needsCorpus: true)]
    [MemberData(nameof(Photos))]
    public void Every_corpus_photo_should_get_both_renditions_upright_and_sized(string name)
    {
        var path = SharedData.Photo(name);
        using var stream = File.OpenRead(path);
        var metadata = PhotoMetadataReader.Read(stream, "", name, DateTimeOffset.UtcNow);

        var outcome = ThumbnailRenderer.Render(path);

        if (NoPreviewExpected.TryGetValue(name, out var reason))
        {
            var none = Assert.IsType<RenderOutcome.NoPreview>(outcome);
            output.WriteLine($"{name}: no preview, {none.Reason.Code()}: {none.Detail}");
            Assert.Equal(reason, none.Reason);
            return;
        }

        var rendered = Rendered(outcome);
        output.WriteLine($"{name}: {metadata.Width}x{metadata.Height} -> large {rendered.Large.Width}x{rendered.Large.Height} " +
            $"{rendered.Large.ContentType}, small {rendered.Small.Width}x{rendered.Small.Height}; {string.Join("; ", rendered.Notes)}");
        Assert.Equal(ThumbnailGeometry.Large(metadata.Width!.Value, metadata.Height!.Value), (rendered.Large.Width,
            rendered.Large.Height));
        Assert.Equal(ThumbnailGeometry.Small(rendered.Large.Width, rendered.Large.Height), (rendered.Small.Width,
            rendered.Small.Height));
        using var large = Pixels.Decode(rendered.Large);
        using var small = Pixels.Decode(rendered.Small);
        Assert.Equal((rendered.Large.Width, rendered.Large.Height), (large.Width, large.Height));
        Assert.Equal((rendered.Small.Width, rendered.Small.Height), (small.Width, small.Height));
        Assert.Equal(NetVips.Enums.BandFormat.Uchar, large.Format);
        // libvips 8.14's WebP writer adds a minimal EXIF block (resolution, orientation 1); no GPS, no profile.
        Assert.DoesNotContain(large.GetFields(), f => f.StartsWith("exif-ifd3",
            StringComparison.Ordinal) || f == "icc-profile-data");
    }

    /// <summary>
    /// Each recurser picture shows the same scene stored in one of the eight orientations: once
    /// upright, every rendition must match the one of Landscape_1 pixel for pixel, within JPEG noise.
    /// </summary>
    [LibvipsTheory(needsCorpus: true)]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Orientation_samples_should_all_look_like_the_upright_reference(int orientation)
    {
        using var reference = Pixels.Decode(Large($"recurser_Landscape_1.jpg"));

        using var turned = Pixels.Decode(Large($"recurser_Landscape_{orientation}.jpg"));

        var difference = Pixels.Difference(reference, turned);
        using var mirrored = reference.FlipHor();
        var wrong = Pixels.Difference(reference, mirrored);
        output.WriteLine($"Landscape_{orientation}: mean difference {difference:0.00} (a mirrored picture differs by {wrong:0.00})");
        Assert.Equal((1440, 960), (turned.Width, turned.Height));
        Assert.True(difference < 6,
            $"Landscape_{orientation} differs from the upright reference by {difference:0.00} per sample");
        Assert.True(wrong > 4 * difference, "the check can tell a wrongly turned picture");
    }

    [LibvipsFact(needsCorpus: true)]
    public void Wide_gamut_photo_should_be_converted_to_srgb_rather_than_stripped_of_its_profile()
    {
        var path = SharedData.Photo("pp_Iceland-P3.jpg");
        using var unmanaged = NetVips.Image.Thumbnail(path, 1440);

        using var converted = Pixels.Decode(Large("pp_Iceland-P3.jpg"));

        Assert.True(unmanaged.Contains("icc-profile-data"), "the original carries its Display P3 profile");
        var shift = Pixels.Difference(unmanaged, converted);
        output.WriteLine($"P3 -> sRGB moved samples by {shift:0.00} on average");
        Assert.True(shift > 1.5,
            $"converted pixels should differ from the P3 values read as sRGB; they differ by {shift:0.00}");
    }

    [LibvipsFact(needsCorpus: true)]
    public void Cmyk_photo_should_come_out_as_three_band_srgb_with_its_real_colours()
    {
        using var image = Pixels.Decode(Large("sharp_Channel_digital_image_CMYK_color.jpg"));

        // The photo is a sunlit outdoor scene: inverted CMYK would make it dark and blue.
        Assert.Equal(3, image.Bands);
        output.WriteLine($"means R {Pixels.MeanOfBand(image, 0):0} G {Pixels.MeanOfBand(image, 1):0} B {Pixels.MeanOfBand(image, 2):0}");
        Assert.InRange(image.Avg(), 80, 200);
    }

    [LibvipsFact(needsCorpus: true)]
    public void Sixteen_bit_png_should_be_reduced_to_eight_bits_on_purpose()
    {
        var outcome = Rendered(ThumbnailRenderer.Render(SharedData.Photo("ljt_monkey16.png")));

        using var image = Pixels.Decode(outcome.Large);

        Assert.Equal(NetVips.Enums.BandFormat.Uchar, image.Format);
        Assert.Contains(outcome.Notes, n => n.Contains("Ushort samples reduced to 8 bits", StringComparison.Ordinal));
    }

    [LibvipsFact(needsCorpus: true)]
    public void Transparent_png_should_keep_its_alpha_as_webp()
    {
        var outcome = Rendered(ThumbnailRenderer.Render(SharedData.Photo("pillow_transparent.png")));

        using var image = Pixels.Decode(outcome.Large);

        Assert.Equal("image/webp", outcome.Large.ContentType);
        Assert.Equal(4, image.Bands);
        Assert.True(image[3].Min() < 255, "some pixels stay transparent");
    }

    [LibvipsFact(needsCorpus: true)]
    public void Animated_gif_should_give_its_first_frame_only()
    {
        var outcome = Rendered(ThumbnailRenderer.Render(SharedData.Photo("pp_animated.gif")));

        Assert.Equal((1440, 1152), (outcome.Large.Width, outcome.Large.Height));
    }

    [LibvipsFact(needsCorpus: true)]
    public void Heic_should_be_rendered_upright()
    {
        var outcome = Rendered(ThumbnailRenderer.Render(SharedData.Photo("ianare_heic_IMG_5195.HEIC")));

        Assert.Equal("image/jpeg", outcome.Large.ContentType);
        Assert.True(outcome.Large.Height > outcome.Large.Width, "the iPhone portrait stays portrait");
    }

    private static RenderOutcome.Rendered Rendered(RenderOutcome outcome) => outcome switch
    {
        RenderOutcome.Rendered rendered => rendered,
        RenderOutcome.NoPreview none =>
            throw new Xunit.Sdk.XunitException($"no preview: {none.Reason.Code()}: {none.Detail}"),
        _ => throw new InvalidOperationException(),
    };

    private static RenderedThumbnail Large(string name) =>
        Rendered(ThumbnailRenderer.Render(SharedData.Photo(name))).Large;
}

using NetVips;

namespace CommunityCluster.Thumbs.Rendering;

/// <summary>
/// Renders a photo file into its two thumbnails, or says why it cannot. Never throws for a bad
/// file: every decoder failure, timeout and unexpected exception becomes a
/// <see cref="RenderOutcome.NoPreview"/>. The steps:
/// 1. <see cref="HeaderFence"/>: size, format by content, pixel limit, the expected loader;
/// 2. one decode with libvips's <c>thumbnail</c>: shrink-on-load (JPEG decodes at 1/2, 1/4, 1/8
///    scale; WebP and HEIC use their own reduced decode), first frame or page only, EXIF orientation
///    applied to the pixels, an embedded profile (Display P3, Adobe RGB, CMYK) converted to sRGB,
///    and <c>fail_on=error</c>, so truncated or corrupt data is an error, never a grey fill;
/// 3. 16-bit and other spaces converted to 8-bit sRGB on purpose; an alpha channel that is fully
///    opaque dropped, a real one kept (WebP), everything else JPEG;
/// 4. the small tile resized from the large rendition in memory, not decoded again.
/// Metadata (EXIF, GPS, profiles) is stripped from every rendition: thumbnails are untagged sRGB.
/// </summary>
public static class ThumbnailRenderer
{
    private const string JpegOptions = ".jpg[Q=80,strip]";
    private const string WebPOptions = ".webp[Q=80,strip]";

    public static RenderOutcome Render(string path, RenderLimits? limits = null, CancellationToken cancel = default)
    {
        limits ??= RenderLimits.Default;
        return Guarded(path, limits, (notes, deadline) =>
        {
            using var large = Decode(path, ThumbnailGeometry.LargeLongSide, notes, deadline);
            using var small = SmallFrom(large);
            return new RenderOutcome.Rendered(Encode(ThumbnailKind.Small, small), Encode(ThumbnailKind.Large, large),
                notes);
        }, cancel);
    }

    /// <summary>One rendition that fits a <paramref name="box"/> square, with the same fences: the benchmark's unit
    /// of work.</summary>
    public static (RenderedThumbnail? Thumbnail, RenderOutcome.NoPreview? NoPreview) RenderBox(
        string path, int box, RenderLimits? limits = null, CancellationToken cancel = default)
    {
        RenderedThumbnail? rendered = null;
        var outcome = Guarded(path, limits ?? RenderLimits.Default, (notes, deadline) =>
        {
            using var image = Decode(path, box, notes, deadline);
            rendered = Encode(ThumbnailKind.Large, image);
            return new RenderOutcome.Rendered(rendered, rendered, notes);
        }, cancel);
        return (rendered, outcome as RenderOutcome.NoPreview);
    }

    private static RenderOutcome Guarded(
        string path, RenderLimits limits, Func<List<string>, RenderDeadline, RenderOutcome> render,
        CancellationToken cancel)
    {
        if (!Libvips.IsAvailable)
            return new RenderOutcome.NoPreview(NoPreviewReason.RendererMissing, Libvips.MissingReason);

        Libvips.Configure(limits);
        var deadline = new RenderDeadline(limits.Timeout, cancel);
        try
        {
            List<string> notes = [];
            return HeaderFence.Check(path, limits, notes) ?? render(notes, deadline);
        }
        catch (Exception) when (deadline.IsPast)
        {
            return new RenderOutcome.NoPreview(NoPreviewReason.TimedOut,
                deadline.IsCancelled
                    ? "the render was cancelled"
                    : $"the render took longer than {limits.Timeout.TotalSeconds:0} s");
        }
        catch (VipsException e)
        {
            return new RenderOutcome.NoPreview(NoPreviewReason.Undecodable, FirstCause(e.Message));
        }
        catch (Exception e) when (e is not (OutOfMemoryException or IOException))
        {
            // The net under everything else a decoder or binding may throw for a crafted file.
            return new RenderOutcome.NoPreview(NoPreviewReason.Undecodable,
                $"{e.GetType().Name}: {FirstCause(e.Message)}");
        }
    }

    /// <summary>The upright, sRGB, 8-bit picture fitting a <paramref name="box"/> square, in memory.</summary>
    private static Image Decode(string path, int box, List<string> notes, RenderDeadline deadline)
    {
        Image decoded;
        try
        {
            decoded = Thumbnail(path, box, colourManaged: true, deadline);
        }
        catch (VipsException e) when (e.Message.Contains("icc_transform",
            StringComparison.Ordinal) && !deadline.IsPast)
        {
            notes.Add("its embedded colour profile is unusable; colours are shown as stored");
            decoded = Thumbnail(path, box, colourManaged: false, deadline);
        }

        using (decoded)
            return ToDisplayable(decoded, notes);
    }

    private static Image Thumbnail(string path, int box, bool colourManaged, RenderDeadline deadline)
    {
        var options = new VOption
        {
            { "height", box },
            { "size", Enums.Size.Down },
            { "fail_on", Enums.FailOn.Error },
        };
        if (colourManaged)
            options.Add("export_profile", "srgb");

        deadline.ThrowIfPast();
        using var lazy = (Image)Operation.Call("thumbnail", options, path, box);
        deadline.Watch(lazy);
        var decoded = lazy.CopyMemory();

        // A decode that ended past the deadline (no progress report came after it) is over time too.
        if (deadline.IsPast)
        {
            decoded.Dispose();
            deadline.ThrowIfPast();
        }

        return decoded;
    }

    /// <summary>8-bit sRGB (or 8-bit grey), with alpha only where some pixel is not opaque.</summary>
    private static Image ToDisplayable(Image image, List<string> notes)
    {
        var result = image.Copy();
        if (result.Format != Enums.BandFormat.Uchar
            || result.Interpretation is not (Enums.Interpretation.Srgb or Enums.Interpretation.Bw))
        {
            result = Replace(result, result.Colourspace(Enums.Interpretation.Srgb));
            if (result.Format != Enums.BandFormat.Uchar)
                result = Replace(result, result.Cast(Enums.BandFormat.Uchar));
        }

        if (result.HasAlpha())
        {
            using var alpha = result[result.Bands - 1];
            var opaque = alpha.Min() >= 255;
            result = opaque ? Replace(result, result.ExtractBand(0, result.Bands - 1)) : result;
            notes.Add(opaque ? "alpha channel fully opaque: dropped" : "transparency kept");
        }

        return Replace(result, result.Mutate(WithoutMetadata));
    }

    /// <summary>EXIF (with GPS), XMP, IPTC and the profile stay with the original; renditions are untagged
    /// sRGB.</summary>
    private static void WithoutMetadata(MutableImage image)
    {
        foreach (var field in image.GetFields())
        {
            if (field is "exif-data" or "xmp-data" or "iptc-data" or "icc-profile-data" || field.StartsWith("exif-ifd",
                StringComparison.Ordinal))
                image.Remove(field);
        }
    }

    private static Image SmallFrom(Image large)
    {
        var (width, height) = ThumbnailGeometry.Small(large.Width, large.Height);
        var scale = Math.Max((double)width / large.Width, (double)height / large.Height);
        using var resized = scale < 1 ? large.Resize(scale) : large.Copy();
        width = Math.Min(width, resized.Width);
        height = Math.Min(height, resized.Height);
        using var cropped = resized.Crop((resized.Width - width) / 2, (resized.Height - height) / 2, width, height);
        return cropped.CopyMemory();
    }

    private static RenderedThumbnail Encode(ThumbnailKind kind, Image image)
    {
        var transparent = image.HasAlpha();
        var bytes = image.WriteToBuffer(transparent ? WebPOptions : JpegOptions);
        return new RenderedThumbnail(kind, bytes, transparent ? "image/webp" : "image/jpeg", image.Width, image.Height);
    }

    private static Image Replace(Image old, Image next)
    {
        old.Dispose();
        return next;
    }

    /// <summary>libvips stacks messages ("unable to call thumbnail / VipsJpeg: Premature end..."): the cause is the
    /// last.</summary>
    private static string FirstCause(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("unable to call", StringComparison.Ordinal)).ToList();
        var cause = lines.Count > 0 ? lines[^1] : message.Trim();
        return cause.Length > 300 ? cause[..300] : cause;
    }
}

using CommunityCluster.Metadata;
using NetVips;

namespace CommunityCluster.Thumbs.Rendering;

/// <summary>
/// What is checked before a single pixel is decoded: the file is not empty, its bytes (not its
/// name) say which format it is, that format is one decoded here, and both this project's header
/// reader and libvips's own header reader declare at most <see cref="RenderLimits.MaxPixels"/>.
/// libvips must also pick the loader that the sniffed format names: a file that sniffs as one
/// thing and loads as another is refused rather than handed to an unexpected decoder.
/// </summary>
internal static class HeaderFence
{
    /// <summary>The formats decoded here, and the one libvips loader each may go through.</summary>
    public static readonly IReadOnlyDictionary<ImageFormat, string> Loaders = new Dictionary<ImageFormat, string>
    {
        [ImageFormat.Jpeg] = "jpegload",
        [ImageFormat.Png] = "pngload",
        [ImageFormat.Gif] = "gifload",
        [ImageFormat.WebP] = "webpload",
        [ImageFormat.Tiff] = "tiffload",
        [ImageFormat.Heic] = "heifload",
        [ImageFormat.Heif] = "heifload",
        [ImageFormat.Avif] = "heifload",
    };

    public static RenderOutcome.NoPreview? Check(string path, RenderLimits limits, List<string> notes)
    {
        var size = new FileInfo(path).Length;
        if (size == 0)
            return new(NoPreviewReason.Empty, "the file has no bytes");

        PhotoMetadata metadata;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            metadata = PhotoMetadataReader.Read(stream, "", Path.GetFileName(path), DateTimeOffset.UtcNow);

        if (metadata.Outcome == MetadataOutcome.NotAPhoto)
            return new(NoPreviewReason.NotAnImage, "the content is no image format known here");

        if (!Loaders.ContainsKey(metadata.Format))
            return new(NoPreviewReason.UnsupportedFormat,
                $"{metadata.Format.DisplayName()} images are not decoded here");

        if (metadata.Outcome == MetadataOutcome.Unreadable || metadata.PixelCount is not { } pixels)
            return new(NoPreviewReason.Undecodable, $"the {metadata.Format.DisplayName()} header gives no dimensions");

        if (pixels > limits.MaxPixels)
            return TooMany(metadata.Width!.Value, metadata.Height!.Value, limits);

        return CheckLibvipsHeader(path, metadata.Format, limits, notes);
    }

    private static RenderOutcome.NoPreview? CheckLibvipsHeader(string path, ImageFormat format, RenderLimits limits,
        List<string> notes)
    {
        // A lazy, sequential open reads the header only; pixels come when something is computed.
        using var header = Image.NewFromFile(path, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
        var loader = header.Contains("vips-loader") ? (string)header.Get("vips-loader") : "";
        if (loader != Loaders[format])
            return new(NoPreviewReason.UnsupportedFormat,
                $"sniffed as {format.DisplayName()} but libvips would read it with '{loader}'");

        if ((long)header.Width * header.Height > limits.MaxPixels)
            return TooMany(header.Width, header.Height, limits);

        DescribeConversions(header, notes);
        return null;
    }

    /// <summary>The deliberate conversions this source will go through, for the record and the logs.</summary>
    private static void DescribeConversions(Image header, List<string> notes)
    {
        if (header.Contains("n-pages") && header.Get("n-pages") is int pages && pages > 1)
            notes.Add($"first of {pages} frames");

        if (header.Format is not (Enums.BandFormat.Uchar or Enums.BandFormat.Char))
            notes.Add($"{header.Format} samples reduced to 8 bits");

        if (header.Interpretation == Enums.Interpretation.Cmyk)
            notes.Add("CMYK converted to sRGB");
        else if (header.Contains("icc-profile-data"))
            notes.Add("embedded colour profile converted to sRGB");

        if (header.HasAlpha())
            notes.Add("has an alpha channel");
    }

    private static RenderOutcome.NoPreview TooMany(int width, int height, RenderLimits limits) =>
        new(NoPreviewReason.TooManyPixels,
            $"{width} × {height} = {(long)width * height / 1e6:0.#} MP declared; the limit is {limits.MaxPixels / 1e6:0.#} MP");
}

using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Xmp;

namespace CommunityCluster.Metadata;

/// <summary>
/// Reads what an uploaded photo's bytes say about it. Header only: no pixel is decoded, at most
/// <see cref="MetadataLimits.MaxBytesExamined"/> bytes are looked at, and no input makes it throw;
/// broken files give unknowns and warnings, and files that are no image a
/// <see cref="MetadataOutcome.NotAPhoto"/> outcome.
/// </summary>
public static class PhotoMetadataReader
{
    /// <summary>
    /// Reads <paramref name="content"/> from its current position. A seekable stream is put back
    /// where it was; a forward-only one is read to its end (to count its size).
    /// </summary>
    /// <param name="content">The uploaded bytes.</param>
    /// <param name="id">The photo id: the content hash, which the caller computed.</param>
    /// <param name="fileName">The original file name: kept, and a capture date of last resort.</param>
    /// <param name="uploadedAt">When it was uploaded: the capture time when nothing else says.</param>
    /// <param name="limits">Bounds on the work; <see cref="MetadataLimits.Default"/> when null.</param>
    /// <exception cref="IOException">Reading <paramref name="content"/> itself failed.</exception>
    public static PhotoMetadata Read(
        Stream content, string id, string fileName, DateTimeOffset uploadedAt, MetadataLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(fileName);
        limits ??= MetadataLimits.Default;
        var start = content.CanSeek ? content.Position : 0;

        try
        {
            var (window, size) = OpenWindow(content, start, limits);
            using (window)
                return Read(window, size, id, fileName, uploadedAt, limits);
        }
        finally
        {
            if (content.CanSeek)
                content.Position = start;
        }
    }

    private static PhotoMetadata Read(Stream window, long size, string id, string fileName, DateTimeOffset uploadedAt,
        MetadataLimits limits)
    {
        var format = ContentSniffer.Sniff(window);
        if (format == ImageFormat.Unknown)
        {
            List<string> warnings = [size == 0 ? "the file is empty" : "the content is no image format known here"];
            var takenAt = TakenAtRules.Decide(null, new XmpValues([]), fileName, uploadedAt, warnings);
            return new PhotoMetadata(id, fileName, format, size, MetadataOutcome.NotAPhoto, takenAt)
            {
                Warnings = warnings,
            };
        }

        var header = new Header { ExaminedBytes = window.Length < size ? window.Length : null };
        try
        {
            ReadHeader(format, window, limits, header);
            return Interpret(header, id, fileName, format, size, uploadedAt, limits);
        }
        catch (Exception e)
        {
            // The readers contain their own failures; this is the net under a bug in this code for
            // an input nobody foresaw, so that one odd upload cannot fail the upload path.
            header.Warn($"{format.DisplayName()}: reading stopped on an unexpected {e.GetType().Name} ({e.Message})");
            var takenAt = TakenAtRules.Decide(null, new XmpValues([]), fileName, uploadedAt, header.Warnings);
            return new PhotoMetadata(id, fileName, format, size, MetadataOutcome.Unreadable, takenAt)
            {
                Warnings = header.Warnings,
            };
        }
    }

    private static void ReadHeader(ImageFormat format, Stream window, MetadataLimits limits, Header header)
    {
        window.Position = 0;
        switch (format)
        {
            case ImageFormat.Jpeg:
                JpegHeader.Read(window, header);
                break;
            case ImageFormat.Png:
                PngHeader.Read(window, limits, header);
                break;
            case ImageFormat.WebP:
                WebPHeader.Read(window, limits, header);
                break;
            default:
                LibraryHeader.Read(format, window, header);
                break;
        }

        header.CollectDirectoryErrors();
    }

    private static PhotoMetadata Interpret(
        Header header, string id, string fileName, ImageFormat format, long size, DateTimeOffset uploadedAt,
        MetadataLimits limits)
    {
        var ifd0 = header.Directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        var exif = header.Directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        var iptc = header.Directories.OfType<IptcDirectory>().FirstOrDefault();
        var xmp = new XmpValues(header.Directories.OfType<XmpDirectory>());
        var warnings = header.Warnings;

        var orientation = Orientation(header, ifd0);
        var (width, height) = orientation?.SwapsDimensions() == true
            ? (header.StoredHeight, header.StoredWidth)
            : (header.StoredWidth, header.StoredHeight);
        var outcome = width is null ? MetadataOutcome.Unreadable : MetadataOutcome.Photo;
        if ((long?)width * height > limits.MaxPixels)
        {
            warnings.Add($"{format.DisplayName()}: declares {width} x {height} pixels, "
                + $"more than the {limits.MaxPixels} a decoder may be given");
        }

        var takenAt = TakenAtRules.Decide(exif, xmp, fileName, uploadedAt, warnings);
        return new PhotoMetadata(id, fileName, format, size, outcome, takenAt)
        {
            Width = width,
            Height = height,
            Orientation = orientation,
            Camera = DescriptiveFacts.Camera(ifd0, exif, xmp),
            Exposure = DescriptiveFacts.Exposure(exif),
            Position = GpsFacts.Position(header.Directories.OfType<GpsDirectory>().FirstOrDefault(), warnings),
            Title = DescriptiveFacts.Title(ifd0, iptc, xmp, limits.MaxTextLength),
            Description = DescriptiveFacts.Description(ifd0, iptc, xmp, limits.MaxTextLength),
            Warnings = warnings,
        };
    }

    /// <summary>
    /// EXIF orientation 1 to 8; 0 and anything else mean none. For the HEIF family the container's
    /// irot governs and EXIF is only compared with it.
    /// </summary>
    private static PhotoOrientation? Orientation(Header header, ExifIfd0Directory? ifd0)
    {
        PhotoOrientation? exif = null;
        if (ifd0 is not null && ifd0.TryGetInt32(ExifDirectoryBase.TagOrientation, out var value))
        {
            if (value is >= 1 and <= 8)
                exif = (PhotoOrientation)value;
            else
                header.Warn($"EXIF orientation {value} is out of range (1 to 8); the picture is shown as stored");
        }

        if (!header.OrientationIsContainers)
            return exif;
        if (exif is { } stated && stated != (header.ContainerOrientation ?? PhotoOrientation.Normal))
            header.Warn($"HEIF: EXIF orientation {(int)stated} disagrees with the image's own rotation, which wins");
        return header.ContainerOrientation;
    }

    /// <summary>
    /// A bounded, seekable view of the content and the content's full size. A forward-only stream
    /// is buffered up to the bound, and the rest is read only to be counted.
    /// </summary>
    private static (Stream Window, long Size) OpenWindow(Stream content, long start, MetadataLimits limits)
    {
        if (content.CanSeek)
        {
            var size = Math.Max(0, content.Length - start);
            return (new ReadWindow(content, start, Math.Min(size, limits.MaxBytesExamined)), size);
        }

        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = content.Read(chunk)) > 0)
        {
            var keep = (int)Math.Clamp(limits.MaxBytesExamined - total, 0, read);
            buffer.Write(chunk, 0, keep);
            total += read;
        }

        buffer.Position = 0;
        return (buffer, total);
    }
}

namespace CommunityCluster.Metadata;

/// <summary>
/// How much work one read may do. Uploads are untrusted (DESIGN.md fact 10): the reader looks at
/// headers only, never decodes pixels, and stops at these bounds with a warning.
/// </summary>
public sealed record MetadataLimits
{
    public static MetadataLimits Default { get; } = new();

    /// <summary>
    /// Bytes from the start of the file that the reader may look at (default 32 MiB). Metadata sit
    /// at the front of JPEG, PNG and HEIC files; WebP and TIFF may keep them further, and a file
    /// that keeps them beyond this bound reads as if it had none. A forward-only stream is buffered
    /// up to this size; prefer a seekable one.
    /// </summary>
    public long MaxBytesExamined { get; init; } = 32L * 1024 * 1024;

    /// <summary>
    /// The largest single metadata block (EXIF, XMP, inflated PNG text) kept for parsing (default
    /// 4 MiB); larger ones are skipped with a warning.
    /// </summary>
    public int MaxBlockBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// Declared pixel counts above this get a warning (default 268,402,689 = 16383², the limit
    /// sharp and libvips users know): the file is reported, but must not be decoded unbounded.
    /// </summary>
    public long MaxPixels { get; init; } = 16383L * 16383;

    /// <summary>Titles and descriptions are cut to this many characters (default 2,000).</summary>
    public int MaxTextLength { get; init; } = 2000;
}

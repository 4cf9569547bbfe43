namespace CommunityCluster.Thumbs.Rendering;

/// <summary>
/// The fences around one render (uploads are untrusted, DESIGN.md fact 10). Every field documents
/// its default; ThumbHub's settings feed them.
/// </summary>
public sealed record RenderLimits
{
    public static RenderLimits Default { get; } = new();

    /// <summary>
    /// Most pixels a photo may declare (default 120,000,000). Checked on the header, twice (this
    /// project's metadata reader, then libvips's own header), before any pixel is decoded. 120 MP
    /// lets the 108 MP sensors of current phones through and refuses the 268 MP and 4.3 GP bombs;
    /// a render then needs at most about 4 bytes per declared pixel of native memory in the worst
    /// case (an interlaced PNG or a progressive JPEG, decoded whole), so about 480 MB at the default.
    /// Lower it on a 1 GB device.
    /// </summary>
    public long MaxPixels { get; init; } = 120_000_000;

    /// <summary>Longest one render may take before it is killed (default 60 s; 4 cores at 1 GHz need about 3 s for
    /// 100 MP).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Resident memory the render process may reach (default 1.5 GB: the runtime, libvips and the
    /// worst case of the pixel limit); past it the process is killed and the photo gets no preview.
    /// </summary>
    public long MaxMemoryBytes { get; init; } = 1_500_000_000;

    /// <summary>Threads libvips may use for one render (default 1: one job per core is the router's unit of
    /// work).</summary>
    public int Threads { get; init; } = 1;
}

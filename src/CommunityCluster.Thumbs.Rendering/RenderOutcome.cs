namespace CommunityCluster.Thumbs.Rendering;

/// <summary>One encoded rendition: bytes to store, their media type, its size in pixels.</summary>
public sealed record RenderedThumbnail(ThumbnailKind Kind, byte[] Bytes, string ContentType, int Width, int Height);

/// <summary>Why a photo gets no preview. The upload still stands; the photo shows as a placeholder.</summary>
public enum NoPreviewReason
{
    /// <summary>The file has no bytes.</summary>
    Empty,

    /// <summary>The bytes are no image format known here (text, video, archive...).</summary>
    NotAnImage,

    /// <summary>An image format that is not decoded here (BMP, RAW...), or whose decoder this machine lacks.</summary>
    UnsupportedFormat,

    /// <summary>The header declares more pixels than <see cref="RenderLimits.MaxPixels"/>.</summary>
    TooManyPixels,

    /// <summary>The decoder refused the data: truncated, corrupt, or a header it cannot read.</summary>
    Undecodable,

    /// <summary>The render took longer than <see cref="RenderLimits.Timeout"/> and was killed.</summary>
    TimedOut,

    /// <summary>libvips is not installed on this node (it needs Debian's libvips42), or the render process cannot
    /// start.</summary>
    RendererMissing,

    /// <summary>The render process grew past <see cref="RenderLimits.MaxMemoryBytes"/> and was killed.</summary>
    ExceededMemory,

    /// <summary>The decoder crashed the render process (the node itself stays up).</summary>
    DecoderCrashed,
}

public static class NoPreviewReasons
{
    /// <summary>The reason as records and the API write it: <c>too-many-pixels</c>, ...</summary>
    public static string Code(this NoPreviewReason reason) => reason switch
    {
        NoPreviewReason.Empty => "empty",
        NoPreviewReason.NotAnImage => "not-an-image",
        NoPreviewReason.UnsupportedFormat => "unsupported-format",
        NoPreviewReason.TooManyPixels => "too-many-pixels",
        NoPreviewReason.Undecodable => "undecodable",
        NoPreviewReason.TimedOut => "timed-out",
        NoPreviewReason.ExceededMemory => "exceeded-memory",
        NoPreviewReason.DecoderCrashed => "decoder-crashed",
        _ => "renderer-missing",
    };

    public static NoPreviewReason? FromCode(string? code) =>
        Enum.GetValues<NoPreviewReason>().Select(r => (NoPreviewReason?)r).FirstOrDefault(r => r!.Value.Code() == code);

    /// <summary>
    /// Whether another node could do better: a render that timed out on a busy box, or a node
    /// without libvips. Everything else is a property of the file and is final.
    /// </summary>
    public static bool MayDifferElsewhere(this NoPreviewReason reason) =>
        reason is NoPreviewReason.TimedOut or NoPreviewReason.RendererMissing;
}

/// <summary>What a render gives: both renditions, or no preview and why.</summary>
public abstract record RenderOutcome
{
    public sealed record Rendered(RenderedThumbnail Small, RenderedThumbnail Large,
        IReadOnlyList<string> Notes) : RenderOutcome;

    public sealed record NoPreview(NoPreviewReason Reason, string Detail) : RenderOutcome;
}

using CommunityCluster.Metadata;

namespace CommunityCluster.Meta.Catalog;

/// <summary>
/// What an upload tells about a photo: read from its bytes (<see cref="PhotoMetadataReader"/>),
/// plus who uploaded it and when. Facts never change by edit. When the same bytes are uploaded
/// twice (even concurrently, on two sides of a partition), the earliest upload's facts are kept,
/// so the first name and uploader stand and merging is deterministic.
/// </summary>
public sealed record PhotoFacts(
    string FileName,
    string ContentType,
    long Size,
    int? Width,
    int? Height,
    DateTime TakenLocal,
    TimeSpan? TakenOffset,
    TakenAtSource TakenSource,
    string? CameraMake,
    string? CameraModel,
    string? Lens,
    Exposure? Exposure,
    GeoPosition? Position,
    string Uploader,
    DateTime UploadedAtUtc)
{
    /// <summary>The instant it was taken, when the file states its offset from UTC.</summary>
    public DateTimeOffset? TakenInstant => TakenOffset is { } offset ? new DateTimeOffset(TakenLocal, offset) : null;

    /// <summary>"Make Model" as people say it; the model alone when it already names the make.</summary>
    public string? CameraLabel => CameraLabels.Of(CameraMake, CameraModel);

    public static PhotoFacts From(PhotoMetadata metadata, string uploader, DateTimeOffset uploadedAt) => new(
        metadata.FileName,
        Interned.Of(metadata.ContentType),
        metadata.Size,
        metadata.Width,
        metadata.Height,
        DateTime.SpecifyKind(metadata.TakenAt.Local, DateTimeKind.Unspecified),
        metadata.TakenAt.Offset,
        metadata.TakenAt.Source,
        Interned.OfNullable(metadata.Camera?.Make),
        Interned.OfNullable(metadata.Camera?.Model),
        Interned.OfNullable(metadata.Camera?.Lens),
        metadata.Exposure,
        metadata.Position,
        Interned.Of(uploader),
        uploadedAt.UtcDateTime);

    /// <summary>
    /// The earlier upload's facts. Ties (same instant) fall to uploader, name, and finally the
    /// encoded form, so that every replica picks the same whatever the order of merging.
    /// </summary>
    public static PhotoFacts Earliest(PhotoFacts a, PhotoFacts b)
    {
        if (ReferenceEquals(a, b) || a.Equals(b))
            return a;

        var order = a.UploadedAtUtc.CompareTo(b.UploadedAtUtc);
        if (order == 0)
            order = string.CompareOrdinal(a.Uploader, b.Uploader);
        if (order == 0)
            order = string.CompareOrdinal(a.FileName, b.FileName);
        if (order == 0)
            order = Replication.CatalogCodec.CompareEncoded(a, b);

        return order <= 0 ? a : b;
    }
}

public static class CameraLabels
{
    public static string? Of(string? make, string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
            return string.IsNullOrWhiteSpace(make) ? null : make.Trim();
        if (string.IsNullOrWhiteSpace(make) || model.StartsWith(make.Split(' ')[0], StringComparison.OrdinalIgnoreCase))
            return model.Trim();

        return $"{make.Trim()} {model.Trim()}";
    }
}

using CommunityCluster.Meta.Catalog;
using CommunityCluster.Metadata;

namespace CommunityCluster.Meta.Service;

/// <summary>When a photo was taken: the local clock time, its offset from UTC when known, and from where that
/// came.</summary>
public sealed record TakenAtView(DateTime Local, string? Offset, DateTimeOffset? Utc, string Source)
{
    public static TakenAtView Of(PhotoFacts f) => new(
        f.TakenLocal,
        f.TakenOffset is { } o ? (o < TimeSpan.Zero ? "-" : "+") + o.ToString(@"hh\:mm",
            System.Globalization.CultureInfo.InvariantCulture) : null,
        f.TakenInstant?.ToUniversalTime(),
        f.TakenSource switch
        {
            TakenAtSource.Exif => "exif",
            TakenAtSource.Xmp => "xmp",
            TakenAtSource.FileName => "file-name",
            _ => "upload-time",
        });
}

public sealed record CameraView(string Label, string? Make, string? Model, int Photos);

public sealed record AlbumRef(string Id, string Name);

public sealed record ThumbnailsView(string? Small, string? Large);

/// <summary>Everything the catalog knows of one photo.</summary>
public sealed record PhotoView(
    string Id,
    string FileName,
    string ContentType,
    long Size,
    int? Width,
    int? Height,
    TakenAtView TakenAt,
    string? Camera,
    string? CameraMake,
    string? CameraModel,
    string? Lens,
    Exposure? Exposure,
    GeoPosition? Gps,
    string Uploader,
    DateTime UploadedAt,
    string? Title,
    string? Description,
    IReadOnlyList<AlbumRef> Albums,
    IReadOnlyList<string> Tags,
    string State,
    ThumbnailsView Thumbnails);

/// <summary>One photo in a list: what a gallery tile needs.</summary>
public sealed record PhotoSummary(
    string Id,
    string FileName,
    string ContentType,
    int? Width,
    int? Height,
    TakenAtView TakenAt,
    string? Camera,
    string? Title,
    IReadOnlyList<string> Albums,
    string State,
    ThumbnailsView Thumbnails);

public sealed record AlbumView(string Id, string Name, DateTime CreatedAt, string CreatedBy, int Photos,
    string? CoverPhotoId);

public static class CatalogViews
{
    public static PhotoView Photo(PhotoEntry e, Func<string, AlbumEntry?> album)
    {
        var f = e.Facts!;
        var preview = e.Preview.Value ?? Preview.Stored;
        return new PhotoView(e.PhotoId, f.FileName, f.ContentType, f.Size, f.Width, f.Height, TakenAtView.Of(f),
            f.CameraLabel,
            f.CameraMake, f.CameraModel, f.Lens, f.Exposure, f.Position, f.Uploader, f.UploadedAtUtc, e.Title.Value,
            e.Description.Value,
            [.. e.Albums.Elements.Select(album).OfType<AlbumEntry>().Where(a => a.IsLive)
                .Select(a => new AlbumRef(a.AlbumId, a.Name.Value))],
            [.. e.Tags.Elements], preview.State.ApiName(), new ThumbnailsView(preview.SmallThumbnailId,
                preview.LargeThumbnailId));
    }

    public static PhotoSummary Summary(PhotoEntry e, Func<string, bool> albumIsLive)
    {
        var f = e.Facts!;
        var preview = e.Preview.Value ?? Preview.Stored;
        return new PhotoSummary(e.PhotoId, f.FileName, f.ContentType, f.Width, f.Height, TakenAtView.Of(f),
            f.CameraLabel,
            e.Title.Value, [.. e.Albums.Elements.Where(albumIsLive)], preview.State.ApiName(),
            new ThumbnailsView(preview.SmallThumbnailId, preview.LargeThumbnailId));
    }
}

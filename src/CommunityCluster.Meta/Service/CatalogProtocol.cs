using CommunityCluster.Meta.Catalog;

namespace CommunityCluster.Meta.Service;

/// <summary>Everything <see cref="CatalogDirectory"/> answers.</summary>
public interface ICatalogMessage;

/// <summary>A request to the catalog; answered by one of the replies named on each.</summary>
public interface ICatalogRequest : ICatalogMessage;

/// <summary>Record an upload. Answered by <see cref="UploadRecorded"/> or <see cref="CatalogRefused"/>.</summary>
public sealed record RecordUpload(PhotoUpload Upload) : ICatalogRequest;

/// <summary>Many uploads at once (imports, benchmarks): one write per key. Answered by <see
/// cref="UploadsRecorded"/>.</summary>
public sealed record RecordUploads(IReadOnlyList<PhotoUpload> Uploads) : ICatalogRequest;

/// <summary>Change what people may change. Answered by <see cref="PhotoFound"/>, <see
/// cref="CatalogNotFound"/> or <see cref="CatalogRefused"/>.</summary>
public sealed record EditPhoto(string PhotoId, PhotoEdit Edit) : ICatalogRequest;

/// <summary>Set the state and thumbnails (ThumbHub). Answered by <see cref="PhotoFound"/> or <see
/// cref="CatalogNotFound"/>.</summary>
public sealed record SetPreview(string PhotoId, Preview Preview) : ICatalogRequest;

/// <summary>
/// Remove from the catalog at once. Answered by <see cref="PhotoRemoved"/>. With
/// <paramref name="EvenIfUnknown"/> (the photo's bytes were just deleted) a photo this node has
/// not heard of yet gets a tombstone too, so that its record, arriving later, stays deleted.
/// </summary>
public sealed record RemovePhoto(string PhotoId, bool EvenIfUnknown = false) : ICatalogRequest;

/// <summary>Answered by <see cref="PhotoFound"/> or <see cref="CatalogNotFound"/>.</summary>
public sealed record GetPhoto(string PhotoId) : ICatalogRequest;

/// <summary>Answered by <see cref="PhotoPage"/> or <see cref="CatalogRefused"/> (bad cursor).</summary>
public sealed record ListPhotos(PhotoQuery Query) : ICatalogRequest;

/// <summary>Answered by <see cref="AlbumList"/>.</summary>
public sealed record ListAlbums : ICatalogRequest;

/// <summary>Answered by <see cref="AlbumFound"/> or <see cref="CatalogNotFound"/>.</summary>
public sealed record GetAlbum(string AlbumId) : ICatalogRequest;

/// <summary>Answered by <see cref="AlbumFound"/> or <see cref="CatalogRefused"/>.</summary>
public sealed record CreateAlbum(string Name, string CreatedBy) : ICatalogRequest;

/// <summary>Answered by <see cref="AlbumFound"/> or <see cref="CatalogNotFound"/>.</summary>
public sealed record RenameAlbum(string AlbumId, string Name) : ICatalogRequest;

/// <summary>Answered by <see cref="AlbumDeleted"/> or <see cref="CatalogNotFound"/>.</summary>
public sealed record DeleteAlbum(string AlbumId) : ICatalogRequest;

/// <summary>Answered by <see cref="CameraList"/>.</summary>
public sealed record ListCameras : ICatalogRequest;

/// <summary>Answered by <see cref="CatalogStats"/>.</summary>
public sealed record GetCatalogStats : ICatalogRequest;

/// <summary>What an upload gives the catalog: the facts, and the title and description the file itself
/// states.</summary>
public sealed record PhotoUpload(string PhotoId, PhotoFacts Facts, PhotoState State, string? Title,
    string? Description);

/// <summary>
/// Changes to one photo. A null field is left as it is; an empty title or description clears it.
/// </summary>
public sealed record PhotoEdit(
    string? Title = null,
    string? Description = null,
    IReadOnlyList<string>? AddAlbums = null,
    IReadOnlyList<string>? RemoveAlbums = null,
    IReadOnlyList<string>? AddTags = null,
    IReadOnlyList<string>? RemoveTags = null);

/// <summary>A page of photos: newest taken first, filtered by at most one of album, camera or day.</summary>
public sealed record PhotoQuery(int Limit, string? Cursor = null, string? AlbumId = null, string? Camera = null,
    DateOnly? Day = null);

public sealed record UploadRecorded(string PhotoId, bool WasInCatalog, bool Replicated) : ICatalogMessage;

public sealed record UploadsRecorded(int Count, int KeysWritten, int KeysNotReplicated) : ICatalogMessage;

public sealed record PhotoFound(PhotoView Photo) : ICatalogMessage;

public sealed record PhotoRemoved(string PhotoId, bool WasInCatalog) : ICatalogMessage;

public sealed record PhotoPage(IReadOnlyList<PhotoSummary> Items, string? NextCursor) : ICatalogMessage;

public sealed record AlbumList(IReadOnlyList<AlbumView> Albums) : ICatalogMessage;

public sealed record AlbumFound(AlbumView Album) : ICatalogMessage;

public sealed record AlbumDeleted(string AlbumId, int PhotosUpdated) : ICatalogMessage;

public sealed record CameraList(IReadOnlyList<CameraView> Cameras) : ICatalogMessage;

public sealed record CatalogStats(int Photos, int Tombstones, int Albums, int PhotoKeys) : ICatalogMessage;

/// <summary>No such photo or album (<paramref name="What"/> says which).</summary>
public sealed record CatalogNotFound(string What, string Id) : ICatalogMessage;

/// <summary>The request cannot be done: a bad cursor, an unknown album, a key that would grow past its bound.</summary>
public sealed record CatalogRefused(string Title, string Detail) : ICatalogMessage;

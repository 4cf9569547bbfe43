using System.Globalization;
using CommunityCluster.Core.Storage;
using CommunityCluster.Meta.Catalog;
using CommunityCluster.Meta.Query;
using CommunityCluster.Meta.Service;

namespace CommunityCluster.Node.Web;

/// <summary>
/// The gallery's queries, answered from this node's replica of the catalog:
/// <c>GET /api/photos?limit=&amp;cursor=&amp;album=&amp;camera=&amp;day=</c> (newest taken first),
/// <c>PATCH /api/photos/{id}</c> (title, description, albums, tags) and <c>GET /api/cameras</c>.
/// </summary>
public static class CatalogEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/photos", List);
        routes.MapMethods("/api/photos/{id}", ["PATCH"], Edit);
        routes.MapGet("/api/cameras", async (CatalogDirectory catalog, CancellationToken cancel) =>
            Results.Ok(new { cameras = (await catalog.AskAsync<CameraList>(new ListCameras(), cancel)).Cameras }));
        return routes;
    }

    private static async Task<IResult> List(HttpRequest request, CatalogDirectory catalog, CancellationToken cancel)
    {
        var query = request.Query;
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit)
                || limit is < 1 or > MaxLimit))
            return Problems.Of(StatusCodes.Status400BadRequest, "bad limit",
                $"limit is a whole number from 1 to {MaxLimit}");

        var cursor = query["cursor"].ToString();
        if (cursor.Length > 0 && !PhotoCursor.TryDecode(cursor, out _))
            return Problems.Of(StatusCodes.Status400BadRequest, "bad cursor",
                "use the nextCursor of a previous page, as it was given");

        var album = query["album"].ToString();
        if (album.Length > 0 && !AlbumEndpoints.IsAlbumId(album))
            return AlbumEndpoints.BadAlbumId(album);

        var camera = query["camera"].ToString();
        if (camera.Length > CatalogLimits.MaxAlbumNameLength || (camera.Length > 0 && album.Length > 0))
            return Problems.Of(StatusCodes.Status400BadRequest, "bad filter",
                "filter by album or by camera (at most 100 characters), not both");

        DateOnly? day = null;
        if (query["day"].ToString() is { Length: > 0 } dayText)
        {
            if (!DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var parsed))
                return Problems.Of(StatusCodes.Status400BadRequest, "bad day",
                    "day is a date like 2024-07-14 (the local day it was taken)");
            day = parsed;
        }

        var reply = await catalog.AskAsync(new ListPhotos(new PhotoQuery(limit, cursor.Length > 0 ? cursor : null,
            album.Length > 0 ? album : null, camera.Length > 0 ? camera : null, day)), cancel);
        return Answer(reply, (PhotoPage page) => Results.Ok(new { items = page.Items, nextCursor = page.NextCursor }));
    }

    private static async Task<IResult> Edit(string id, PhotoPatch patch, CatalogDirectory catalog,
        CancellationToken cancel)
    {
        if (!ContentId.TryParse(id, out var photoId))
            return Problems.BadId(id);
        if (patch.Validate() is { } problem)
            return problem;

        var reply = await catalog.AskAsync(new EditPhoto(photoId.Hex, patch.ToEdit()), cancel);
        return Answer(reply, (PhotoFound found) => Results.Ok(found.Photo));
    }

    /// <summary>Maps a catalog reply to HTTP: the expected reply, 404 for what is missing, 409 for what is
    /// refused.</summary>
    public static IResult Answer<T>(ICatalogMessage reply, Func<T, IResult> ok)
        where T : ICatalogMessage => reply switch
        {
            T expected => ok(expected),
            CatalogNotFound { What: "album" } missing => Problems.Of(StatusCodes.Status404NotFound, "no such album",
                $"no album has id {missing.Id}"),
            CatalogNotFound missing => Problems.NotFound(missing.Id),
            CatalogRefused { Title: "bad cursor" } refused => Problems.Of(StatusCodes.Status400BadRequest, refused.Title,
                refused.Detail),
            CatalogRefused refused => Problems.Of(StatusCodes.Status409Conflict, refused.Title, refused.Detail),
            _ => Problems.Of(StatusCodes.Status500InternalServerError, "unexpected catalog reply", reply.GetType().Name),
        };
}

/// <summary>
/// The body of <c>PATCH /api/photos/{id}</c>. A field left out is unchanged; an empty title or
/// description clears it; tags are compared in lower case.
/// </summary>
public sealed record PhotoPatch(
    string? Title,
    string? Description,
    string[]? AddAlbums,
    string[]? RemoveAlbums,
    string[]? AddTags,
    string[]? RemoveTags)
{
    public IResult? Validate()
    {
        if (Title is { Length: > CatalogLimits.MaxTitleLength } || (Title is not null && Title.Any(char.IsControl)))
            return Bad($"a title has at most {CatalogLimits.MaxTitleLength} characters and no control characters");
        if (Description is { Length: > CatalogLimits.MaxDescriptionLength }
            || (Description is not null && Description.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))))
            return Bad($"a description has at most {CatalogLimits.MaxDescriptionLength} characters");
        if ((AddAlbums ?? []).Concat(RemoveAlbums ?? []).FirstOrDefault(a => !AlbumEndpoints.IsAlbumId(a)) is { } album)
            return AlbumEndpoints.BadAlbumId(album);
        var tags = (AddTags ?? []).Concat(RemoveTags ?? []);
        if (tags.Any(t => Tag(t) is not { Length: > 0 and <= CatalogLimits.MaxTagLength } || t.Any(char.IsControl)))
            return Bad($"a tag has 1 to {CatalogLimits.MaxTagLength} characters and no control characters");
        if ((AddAlbums?.Length ?? 0) > CatalogLimits.MaxAlbumsPerPhoto || (AddTags?.Length
            ?? 0) > CatalogLimits.MaxTagsPerPhoto)
            return Bad("too many albums or tags at once");

        return null;
    }

    public PhotoEdit ToEdit() => new(Title?.Trim(), Description?.Trim(), AddAlbums, RemoveAlbums,
        AddTags?.Select(Tag).ToList(), RemoveTags?.Select(Tag).ToList());

    private static string Tag(string tag) => tag.Trim().ToLowerInvariant();

    private static IResult Bad(string detail) => Problems.Of(StatusCodes.Status400BadRequest, "bad photo change",
        detail);
}

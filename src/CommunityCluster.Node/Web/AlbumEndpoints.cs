using System.Text.RegularExpressions;
using CommunityCluster.Core.Storage;
using CommunityCluster.Meta.Catalog;
using CommunityCluster.Meta.Service;
using CommunityCluster.Node.Security;

namespace CommunityCluster.Node.Web;

/// <summary>
/// <c>/api/albums</c>: list, create, rename, delete; <c>PUT</c> and <c>DELETE
/// /api/albums/{albumId}/photos/{photoId}</c> add and remove a photo. The photos of an album are
/// <c>GET /api/photos?album={albumId}</c>. Album ids are 16 hex digits, given by the server.
/// </summary>
public static partial class AlbumEndpoints
{
    public static IEndpointRouteBuilder MapAlbumEndpoints(this IEndpointRouteBuilder routes)
    {
        var albums = routes.MapGroup("/api/albums");
        albums.MapGet("/", async (CatalogDirectory catalog, CancellationToken cancel) =>
            Results.Ok(new { albums = (await catalog.AskAsync<AlbumList>(new ListAlbums(), cancel)).Albums }));
        albums.MapPost("/", Create);
        albums.MapGet("/{albumId}", (string albumId, CatalogDirectory catalog, CancellationToken cancel) =>
            WithAlbum(albumId, async () => Answer(await catalog.AskAsync(new GetAlbum(albumId), cancel))));
        albums.MapMethods("/{albumId}", ["PATCH"], (string albumId, AlbumBody body, CatalogDirectory catalog,
            CancellationToken cancel) =>
            WithAlbum(albumId, async () => Name(body) is { } name
                ? Answer(await catalog.AskAsync(new RenameAlbum(albumId, name), cancel))
                : BadName()));
        albums.MapDelete("/{albumId}", Delete);
        albums.MapPut("/{albumId}/photos/{photoId}", (string albumId, string photoId, CatalogDirectory catalog,
            CancellationToken cancel) =>
            Membership(albumId, photoId, catalog, add: true, cancel));
        albums.MapDelete("/{albumId}/photos/{photoId}", (string albumId, string photoId, CatalogDirectory catalog,
            CancellationToken cancel) =>
            Membership(albumId, photoId, catalog, add: false, cancel));
        return routes;
    }

    public static bool IsAlbumId(string? id) => id is not null && AlbumIdPattern().IsMatch(id);

    public static IResult BadAlbumId(string id) =>
        Problems.Of(StatusCodes.Status400BadRequest, "malformed album id",
            $"'{(id.Length > 40 ? id[..40] + "..." : id)}' is not an album id: album ids are 16 hex digits");

    private static async Task<IResult> Create(AlbumBody body, HttpRequest request, CatalogDirectory catalog,
        CancellationToken cancel)
    {
        if (Name(body) is not { } name)
            return BadName();

        var creator = UploadEndpoint.Uploader(request);
        var reply = await catalog.AskAsync(new CreateAlbum(name, creator), cancel);
        return CatalogEndpoints.Answer(reply, (AlbumFound found) => Results.Created($"/api/albums/{found.Album.Id}",
            found.Album));
    }

    /// <summary>Its creator or an admin may delete an album; anyone else gets 403.</summary>
    private static async Task<IResult> Delete(string albumId, HttpContext context, CatalogDirectory catalog,
        CancellationToken cancel)
    {
        if (!IsAlbumId(albumId))
            return BadAlbumId(albumId);

        var found = await catalog.AskAsync(new GetAlbum(albumId), cancel);
        if (found is AlbumFound albumFound && !context.User.MayDelete(albumFound.Album.CreatedBy))
            return Problems.Of(StatusCodes.Status403Forbidden, "not yours",
                $"only {albumFound.Album.CreatedBy}, who made this album, or an admin may delete it");

        var reply = await catalog.AskAsync(new DeleteAlbum(albumId), cancel);
        return CatalogEndpoints.Answer(reply, (AlbumDeleted _) => Results.NoContent());
    }

    private static async Task<IResult> Membership(string albumId, string photoId, CatalogDirectory catalog, bool add,
        CancellationToken cancel)
    {
        if (!IsAlbumId(albumId))
            return BadAlbumId(albumId);
        if (!ContentId.TryParse(photoId, out var id))
            return Problems.BadId(photoId);

        var edit = add ? new PhotoEdit(AddAlbums: [albumId]) : new PhotoEdit(RemoveAlbums: [albumId]);
        var reply = await catalog.AskAsync(new EditPhoto(id.Hex, edit), cancel);
        return CatalogEndpoints.Answer(reply, (PhotoFound _) => Results.NoContent());
    }

    private static async Task<IResult> WithAlbum(string albumId, Func<Task<IResult>> then) =>
        IsAlbumId(albumId) ? await then() : BadAlbumId(albumId);

    private static IResult Answer(ICatalogMessage reply) =>
        CatalogEndpoints.Answer(reply, (AlbumFound found) => Results.Ok(found.Album));

    private static string? Name(AlbumBody body) =>
        body.Name?.Trim() is { Length: > 0 and <= CatalogLimits.MaxAlbumNameLength } name && !name.Any(char.IsControl)
            ? name : null;

    private static IResult BadName() =>
        Problems.Of(StatusCodes.Status400BadRequest, "bad album name",
            $"an album name has 1 to {CatalogLimits.MaxAlbumNameLength} characters");

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex AlbumIdPattern();
}

/// <summary>The body of <c>POST /api/albums</c> and <c>PATCH /api/albums/{id}</c>.</summary>
public sealed record AlbumBody(string? Name);

using System.Text.Json;
using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Hosting;
using CommunityCluster.Core.Storage;
using CommunityCluster.Discovery;
using CommunityCluster.Meta.Service;
using CommunityCluster.Node.Security;
using CommunityCluster.Node.Startup;
using CommunityCluster.Photos;
using CommunityCluster.Photos.Entity;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Photos.Read;
using CommunityCluster.Thumbs;

namespace CommunityCluster.Node.Web;

/// <summary>One photo: its catalog record and where it lives, its original bytes, its deletion.</summary>
public static class PhotoEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How long a read waits for a live replica to become known before answering 503.</summary>
    private static readonly TimeSpan ReplicasSettleWithin = TimeSpan.FromSeconds(8);

    public static IEndpointRouteBuilder MapPhotoEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/photos/{id}", Describe);
        routes.MapGet("/api/photos/{id}/original", Original);
        routes.MapDelete("/api/photos/{id}", Delete);
        return routes;
    }

    /// <summary>
    /// The catalog record (metadata, title, albums, state), the storage facts (chunks, replicas, read
    /// order) and the thumbnails' progress in one object. Either part may be missing for a moment,
    /// since each spreads on its own: a photo the catalog has not heard of yet shows <c>state: null</c>.
    /// </summary>
    private static async Task<IResult> Describe(string id, ManifestDirectory manifests, CatalogDirectory catalog,
        PhotoLocator locator, ThumbHubService thumbs, CommunityDirectory directory, ResolvedNodeSettings node,
        CancellationToken cancel)
    {
        if (!ContentId.TryParse(id, out var photoId))
            return Problems.BadId(id);

        var manifest = await manifests.FindAsync(photoId.Hex);
        var record = await catalog.AskAsync(new GetPhoto(photoId.Hex), cancel) as PhotoFound;
        if (manifest is { IsDeleted: true } or { IsPhoto: false } || (manifest is null && record is null))
            return Problems.NotFound(photoId.Hex);

        var body = record is null
            ? new JsonObject { ["id"] = photoId.Hex, ["state"] = null }
            : JsonSerializer.SerializeToNode(record.Photo, JsonSerializerOptions.Web)!.AsObject();
        if (manifest is not null)
            await AddStorage(body, manifest, locator, cancel);

        body["thumbnails"] = JsonSerializer.SerializeToNode(
            ThumbnailEndpoints.Describe(await thumbs.StatusAsync(photoId.Hex)), JsonSerializerOptions.Web);

        // The gallery shows which node answered; readOrder says which home it would read the bytes from, and why.
        body["servedBy"] = new JsonObject { ["address"] = directory.SelfAddress, ["homeId"] = node.Settings.HomeId };
        return Results.Json(body);
    }

    private static async Task AddStorage(JsonObject body, PhotoManifest manifest, PhotoLocator locator, CancellationToken cancel)
    {
        var location = await locator.LocateAsync(manifest, cancel);
        var storage = JsonSerializer.SerializeToNode(new
        {
            fileName = location.FileName,
            size = location.Size,
            contentType = location.ContentType,
            storedAt = location.StoredAt,
            chunks = location.Chunks.Count,
            replicas = location.Replicas.Select(Replica),
            filling = location.Filling.Select(Replica),
            readOrder = location.ReadOrder.Select(r =>
                new { homeId = r.HomeId, address = r.Address, expectedMs = r.ExpectedMs, reason = r.Reason }),
        }, JsonSerializerOptions.Web)!.AsObject();

        // The catalog keeps the first upload's name; the manifest is the bytes' own record.
        foreach (var (name, value) in storage.ToList())
        {
            if (!body.ContainsKey(name))
                body[name] = value?.DeepClone();
        }
    }

    private static object Replica(ReplicaPlace place) =>
        new
        {
            nodeId = place.NodeId,
            homeId = place.HomeId,
            address = place.Address,
            live = place.Live,
            state = UsualHours.Describe(place.Hours, place.Live, place.State),
            usualHours = place.Hours is { } h
                ? new { summary = h.Summary, chart = h.Chart, h.ChanceNow, h.OffHours, h.AbsentUntil, h.Resting }
                : null,
        };

    internal static async Task<IResult> Original(string id, HttpContext context, ManifestDirectory manifests,
        PhotoReader reader)
    {
        if (!ContentId.TryParse(id, out var photoId))
            return Problems.BadId(id);

        var manifest = await manifests.FindAsync(photoId.Hex);
        if (manifest is null or { IsDeleted: true })
            return Problems.NotFound(photoId.Hex);

        var etag = $"\"{manifest.PhotoId}\"";
        if (context.Request.Headers.IfNoneMatch == etag)
            return Results.StatusCode(StatusCodes.Status304NotModified);

        if ((await reader.WaitForReplicasAsync(manifest, ReplicasSettleWithin, context.RequestAborted)).Count == 0)
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "photo unavailable",
                "no home holding this photo is reachable right now; try again when one is back");

        return new PhotoStreamResult(manifest, reader, etag);
    }

    /// <summary>
    /// Tombstones the bytes (PhotoHub) and the catalog record at once. The catalog's delete wins
    /// over any concurrent edit of the photo (README, MetaHub).
    /// </summary>
    private static async Task<IResult> Delete(string id, HttpContext context, IRequiredActor<PhotoEntity> photos,
        CatalogDirectory catalog, CancellationToken cancel)
    {
        if (!ContentId.TryParse(id, out var photoId))
            return Problems.BadId(id);

        // Its uploader or an admin. A photo the catalog does not know has no uploader to ask: only an
        // admin may remove what is left of it, anyone else is told there is no such photo.
        var record = await catalog.AskAsync(new GetPhoto(photoId.Hex), cancel);
        var uploader = record is PhotoFound found ? found.Photo.Uploader : null;
        if (!context.User.MayDelete(uploader))
            return uploader is null
                ? Problems.NotFound(photoId.Hex)
                : Problems.Of(StatusCodes.Status403Forbidden, "not yours",
                    $"only {uploader}, who uploaded this photo, or an admin may delete it");

        // An entity not reached in time (its shard moving, its home frozen) is StorageTimeoutHandler's
        // 503. The delete may or may not happen then; asking again is safe, and a 404 says it is gone.
        var reply = await photos.ActorRef.Ask<object>(new DeletePhoto(photoId.Hex), AskTimeout, cancel);

        var bytesDeleted = reply is PhotoDeleted;
        var removed = await catalog.AskAsync<PhotoRemoved>(new RemovePhoto(photoId.Hex, EvenIfUnknown: bytesDeleted),
            cancel);
        return bytesDeleted || removed.WasInCatalog ? Results.NoContent() : Problems.NotFound(photoId.Hex);
    }

    /// <summary>Streams the original as its chunks arrive; a replica failing mid-way aborts the response
    /// rather than corrupt it.</summary>
    private sealed class PhotoStreamResult(PhotoManifest manifest, PhotoReader reader, string etag) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var response = context.Response;
            response.ContentType = manifest.ContentType;
            response.ContentLength = manifest.Size;
            response.Headers.ETag = etag;
            response.Headers.CacheControl = "private, max-age=31536000, immutable";
            response.Headers.ContentDisposition = $"inline; filename*=UTF-8''{Uri.EscapeDataString(manifest.FileName)}";

            try
            {
                await reader.CopyToAsync(manifest, response.Body, context.RequestAborted);
            }
            catch (PhotoUnavailableException e)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CommunityCluster.Node.Read")
                    .LogWarning("Read of photo {PhotoId} failed mid-way: {Reason}", manifest.PhotoId, e.Message);
                context.Abort();
            }
        }
    }
}

using Akka.Actor;
using Akka.Hosting;
using CommunityCluster.Core.Storage;
using CommunityCluster.Photos;
using CommunityCluster.Photos.Entity;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Photos.Read;
using CommunityCluster.Thumbs;

namespace CommunityCluster.Node.Web;

/// <summary>One photo: where it lives, its original bytes, its deletion.</summary>
public static class PhotoEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapPhotoEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/photos/{id}", Describe);
        routes.MapGet("/api/photos/{id}/original", Original);
        routes.MapDelete("/api/photos/{id}", Delete);
        return routes;
    }

    private static async Task<IResult> Describe(
        string id, ManifestDirectory manifests, StorageNodes nodes, PhotoReader reader, ThumbHubService thumbs, CancellationToken cancel)
    {
        if (!ContentId.TryParse(id, out var photoId))
            return Problems.BadId(id);

        var manifest = await manifests.GetAsync(photoId.Hex);
        if (manifest is null or { IsDeleted: true } or { IsPhoto: false })
            return Problems.NotFound(photoId.Hex);

        var snapshot = await nodes.SnapshotAsync();
        var ranked = await reader.RankReplicasAsync(manifest, cancel);
        return Results.Ok(new
        {
            id = manifest.PhotoId,
            fileName = manifest.FileName,
            size = manifest.Size,
            contentType = manifest.ContentType,
            storedAt = manifest.StoredAt,
            chunks = manifest.Chunks.Count,
            replicas = manifest.Replicas.Select(r => Replica(r, snapshot)),
            filling = manifest.Pending.Select(p => Replica(p.NodeId, snapshot)),
            readOrder = ranked.Select(r => new { homeId = r.Node.HomeId, address = r.Node.Address.ToString(), expectedMs = r.ExpectedMs, reason = r.Reason }),
            thumbnails = ThumbnailEndpoints.Describe(await thumbs.StatusAsync(manifest.PhotoId)),
        });
    }

    private static object Replica(string nodeId, IReadOnlyDictionary<string, StorageNode> nodes) =>
        nodes.TryGetValue(nodeId, out var node)
            ? new { nodeId, homeId = node.HomeId, address = node.Address.ToString(), live = node.IsLive }
            : new { nodeId, homeId = "(gone)", address = "", live = false };

    private static async Task<IResult> Original(string id, HttpContext context, ManifestDirectory manifests, PhotoReader reader)
    {
        if (!ContentId.TryParse(id, out var photoId))
            return Problems.BadId(id);

        var manifest = await manifests.GetAsync(photoId.Hex);
        if (manifest is null or { IsDeleted: true })
            return Problems.NotFound(photoId.Hex);

        var etag = $"\"{manifest.PhotoId}\"";
        if (context.Request.Headers.IfNoneMatch == etag)
            return Results.StatusCode(StatusCodes.Status304NotModified);

        if ((await reader.RankReplicasAsync(manifest, context.RequestAborted)).Count == 0)
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "photo unavailable",
                "no home holding this photo is reachable right now; try again when one is back");

        return new PhotoStreamResult(manifest, reader, etag);
    }

    private static async Task<IResult> Delete(string id, IRequiredActor<PhotoEntity> photos, CancellationToken cancel)
    {
        if (!ContentId.TryParse(id, out var photoId))
            return Problems.BadId(id);

        var reply = await photos.ActorRef.Ask<object>(new DeletePhoto(photoId.Hex), AskTimeout, cancel);
        return reply is PhotoDeleted ? Results.NoContent() : Problems.NotFound(photoId.Hex);
    }

    /// <summary>Streams the original as its chunks arrive; a replica failing mid-way aborts the response rather than corrupt it.</summary>
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

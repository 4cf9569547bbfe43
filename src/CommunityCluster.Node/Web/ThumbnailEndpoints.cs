using System.Text.Json;
using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Photos.Read;
using CommunityCluster.Thumbs;
using CommunityCluster.Thumbs.Records;
using CommunityCluster.Thumbs.Rendering;

namespace CommunityCluster.Node.Web;

/// <summary>
/// A photo's thumbnails: the renditions themselves (immutable, cached for a year), their state as
/// a push channel (server-sent events) for the gallery, the workers, and the router's view.
/// </summary>
public static class ThumbnailEndpoints
{
    private static readonly TimeSpan EventPoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan EventStreamLimit = TimeSpan.FromMinutes(5);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapThumbnailEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/photos/{id}/thumbnail", Thumbnail);
        routes.MapGet("/api/photos/{id}/thumbnail/events", Events);
        routes.MapGet("/api/photos/{id}/thumbnail/route", Route);
        routes.MapGet("/api/thumbnails/workers", async (ThumbHubService thumbs) =>
            Results.Ok(new { routing = thumbs.Router.Mode.ToString(), workers = await thumbs.WorkersAsync() }));
        return routes;
    }

    /// <summary>The <c>thumbnails</c> object of <c>GET /api/photos/{id}</c>.</summary>
    public static object Describe(ThumbnailStatus status)
    {
        var r = status.Record;
        object? Blob(ThumbnailBlob? blob, ThumbnailKind kind) => blob is null ? null : new
        {
            id = blob.BlobId,
            blob.ContentType,
            blob.Width,
            blob.Height,
            blob.Bytes,
            url = $"/api/photos/{status.PhotoId}/thumbnail?size={kind.Name()}",
        };

        return new
        {
            state = status.State,
            catalogState = status.CatalogState,
            reason = r?.Reason,
            detail = r?.Detail,
            small = Blob(r?.Small, ThumbnailKind.Small),
            large = Blob(r?.Large, ThumbnailKind.Large),
            job = r is null ? null : new
            {
                worker = r.Worker,
                workerHome = r.WorkerHome,
                r.Attempt,
                r.Stage,
                r.Progress,
                r.QueuedAt,
                r.UpdatedAt,
                r.SettledAt,
                route = r.Route,
                timings = r.Timings is not { } t ? null : new
                {
                    waitedMs = Math.Round(t.WaitedMs),
                    fetchMs = Math.Round(t.FetchMs),
                    renderMs = Math.Round(t.RenderMs),
                    storeMs = Math.Round(t.StoreMs),
                },
            },
        };
    }

    internal static async Task<IResult> Thumbnail(string id, string? size, HttpContext context, ThumbHubService thumbs,
        ManifestDirectory manifests, PhotoReader reader)
    {
        if (!ContentId.TryParse(id, out var photoId))
            return Problems.BadId(id);

        if (!ThumbnailKinds.TryParse(size ?? "small", out var kind))
            return Problems.Of(StatusCodes.Status400BadRequest, "unknown size",
                $"'{size}' is not a thumbnail size; use small or large");

        var status = await thumbs.StatusAsync(photoId.Hex);
        var blob = status.Record?.Of(kind);
        context.Response.Headers.CacheControl = "no-store";
        if (status.State != ThumbnailState.Ready || blob is null)
            return NotReady(photoId.Hex, status, await manifests.GetAsync(photoId.Hex));

        var manifest = await manifests.GetAsync(blob.BlobId);
        if (manifest is null or { IsDeleted: true })
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "thumbnail unavailable",
                "the thumbnail's blob is not known here yet");

        var etag = $"\"{blob.BlobId}\"";
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch == etag)
            return Results.StatusCode(StatusCodes.Status304NotModified);

        return new BlobResult(manifest, blob.ContentType, reader);
    }

    private static IResult NotReady(string photoId, ThumbnailStatus status, PhotoManifest? photo)
    {
        if (photo is null or { IsDeleted: true } or { IsPhoto: false })
            return Problems.NotFound(photoId);

        var extensions = new Dictionary<string, object?>
        {
            ["state"] = status.State,
            ["reason"] = status.Record?.Reason
        };
        return status.State switch
        {
            ThumbnailState.NoPreview => Problems.Of(StatusCodes.Status404NotFound, "no preview",
                $"this photo cannot be shown: {status.Record?.Reason}: {status.Record?.Detail}", extensions),
            ThumbnailState.Failed => Problems.Of(StatusCodes.Status503ServiceUnavailable, "thumbnails failed",
                $"every attempt failed ({status.Record?.Detail}); they are tried again", extensions),
            _ => Results.Json(new
            {
                photoId,
                state = status.State,
                stage = status.Record?.Stage,
                progress = status.Record?.Progress
            },
                statusCode: StatusCodes.Status202Accepted),
        };
    }

    /// <summary>Server-sent events: one <c>thumbnail</c> event per change of the record, until it settles.</summary>
    private static async Task Events(string id, HttpContext context, ThumbHubService thumbs,
        ManifestDirectory manifests)
    {
        if (!ContentId.TryParse(id, out var photoId))
        {
            await Problems.BadId(id).ExecuteAsync(context);
            return;
        }

        if (await manifests.FindAsync(photoId.Hex) is null or { IsDeleted: true } or { IsPhoto: false })
        {
            await Problems.NotFound(photoId.Hex).ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        limit.CancelAfter(EventStreamLimit);
        string? last = null;
        try
        {
            while (!limit.IsCancellationRequested)
            {
                var status = await thumbs.StatusAsync(photoId.Hex);
                var json = JsonSerializer.Serialize(Describe(status), Json);
                if (json != last)
                {
                    await context.Response.WriteAsync($"event: thumbnail\ndata: {json}\n\n", limit.Token);
                    await context.Response.Body.FlushAsync(limit.Token);
                    last = json;
                }

                if (status.Record?.IsSettled == true)
                    return;

                await Task.Delay(EventPoll, limit.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<IResult> Route(string id, ThumbHubService thumbs, ManifestDirectory manifests)
    {
        if (!ContentId.TryParse(id, out var photoId))
            return Problems.BadId(id);

        var manifest = await manifests.GetAsync(photoId.Hex);
        if (manifest is null or { IsDeleted: true })
            return Problems.NotFound(photoId.Hex);

        var ranked = await thumbs.Router.RankAsync(manifest, []);
        return Results.Ok(new
        {
            routing = thumbs.Router.Mode.ToString(),
            ranked = ranked.Select(r => new
            {
                r.Address,
                expectedMs = double.IsPositiveInfinity(r.ExpectedMs) ? (double?)null : Math.Round(r.ExpectedMs, 1),
                r.Reason,
            }),
        });
    }

    private sealed class BlobResult(PhotoManifest manifest, string contentType, PhotoReader reader) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.ContentType = contentType;
            context.Response.ContentLength = manifest.Size;
            try
            {
                await reader.CopyToAsync(manifest, context.Response.Body, context.RequestAborted);
            }
            catch (PhotoUnavailableException)
            {
                context.Abort();
            }
        }
    }
}

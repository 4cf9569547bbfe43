using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommunityCluster.Core.Storage;
using CommunityCluster.Node.Startup;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Photos.Upload;
using Microsoft.AspNetCore.Http.Features;

namespace CommunityCluster.Node.Web;

/// <summary>
/// Resumable uploads, for <c>ccm photos import</c> and the gallery's upload page:
/// <c>POST /api/uploads</c> opens one for a declared photo id and size (or finds the unfinished one
/// for the same bytes), <c>PUT /api/uploads/{uploadId}</c> appends a chunk at the offset its
/// <c>Content-Range</c> names, <c>GET</c> says how many bytes arrived, <c>POST .../commit</c>
/// checks the SHA-256 and stores the photo as <c>POST /api/photos</c> does, <c>DELETE</c>
/// abandons it. Nothing the client declares is trusted: the id is checked against the bytes, the
/// size against <c>--max-upload-size</c>, every range against what the node holds.
/// </summary>
public static partial class ResumableUploadEndpoints
{
    /// <summary>Largest chunk one PUT may carry: below Kestrel's 30 MB body limit, a few seconds on fibre.</summary>
    public const long MaxChunkBytes = 16 * 1024 * 1024;

    /// <summary>JSON bodies of these routes are small; a larger one is refused before it is read.</summary>
    private const long MaxJsonBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapResumableUploadEndpoints(this IEndpointRouteBuilder routes)
    {
        var uploads = routes.MapGroup("/api/uploads").DisableAntiforgery();
        uploads.MapGet("/", Limits);
        uploads.MapPost("/", Open);
        uploads.MapGet("/{uploadId}", Progress);
        uploads.MapPut("/{uploadId}", Append);
        uploads.MapPost("/{uploadId}/commit", ResumableUploadCommit.CommitAsync);
        uploads.MapDelete("/{uploadId}", Abandon);
        routes.MapPost("/api/photos/known", KnownPhotosEndpoint.KnownAsync).DisableAntiforgery();
        return routes;
    }

    /// <summary>The limits a client needs to plan, and the node's figures since it started.</summary>
    private static IResult Limits(PartialUploadStore store, ResolvedNodeSettings node)
    {
        var stats = store.Stats;
        return Results.Ok(new
        {
            maxUploadBytes = node.Settings.Storage.MaxUploadBytes,
            maxChunkBytes = MaxChunkBytes,
            expirySeconds = (long)node.Settings.Storage.UploadExpiry.TotalSeconds,
            open = stats.Open,
            bytesHeld = stats.BytesHeld,
            bytesReceived = stats.BytesReceived,
            committed = stats.Committed,
        });
    }

    private static async Task<IResult> Open(HttpContext context, PartialUploadStore store, ManifestDirectory manifests,
        ResolvedNodeSettings node, ILoggerFactory logs)
    {
        var (body, problem) = await ReadJsonAsync<OpenUploadBody>(context);
        if (problem is not null)
            return problem;
        if (!ContentId.TryParse(body!.Id, out var photoId))
            return Problems.BadId(body.Id ?? "");
        if (body.Size is not > 0)
            return Problems.Of(StatusCodes.Status400BadRequest, "bad size",
                "size is the file's length in bytes, 1 or more");

        var limit = node.Settings.Storage.MaxUploadBytes;
        if (body.Size > limit)
            return Problems.Of(StatusCodes.Status413PayloadTooLarge, "file too large",
                $"the file is larger than the limit of {limit} bytes");

        if (await manifests.FindAsync(photoId.Hex) is { IsDeleted: false } stored)
            return Results.Ok(new { id = stored.PhotoId, existed = true });

        try
        {
            var (upload, offset, opened) = store.Open(photoId.Hex, body.Size.Value, body.FileName ?? "photo",
                UploadEndpoint.Uploader(context.Request));
            logs.CreateLogger("CommunityCluster.Node.ResumableUpload").LogInformation(
                "Upload {UploadId} of photo {PhotoId}: {Outcome} at byte {Offset} of {Size}", upload.UploadId,
                upload.PhotoId, opened ? "opened" : "resumed", offset, upload.Size);
            var answer = Describe(upload, offset, node);
            return opened ? Results.Created($"/api/uploads/{upload.UploadId}", answer) : Results.Ok(answer);
        }
        catch (TooManyUploadsException e)
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "too many unfinished uploads", e.Message);
        }
    }

    private static IResult Progress(string uploadId, PartialUploadStore store, ResolvedNodeSettings node) =>
        !IsUploadId(uploadId) ? BadUploadId(uploadId)
        : !store.TryGet(uploadId, out var upload) ? UnknownUpload(uploadId)
        : Results.Ok(Describe(upload, store.Offset(uploadId), node));

    private static async Task<IResult> Append(string uploadId, HttpContext context, PartialUploadStore store,
        ILoggerFactory logs)
    {
        if (!IsUploadId(uploadId))
            return BadUploadId(uploadId);
        if (!store.TryGet(uploadId, out var upload))
            return UnknownUpload(uploadId);
        if (ParseRange(context.Request.Headers.ContentRange.ToString(), upload.Size) is not var (start, end))
            return Problems.Of(StatusCodes.Status400BadRequest, "bad content range",
                $"send Content-Range: bytes <first>-<last>/{upload.Size}, with first <= last < {upload.Size}");

        var length = end - start + 1;
        if (length > MaxChunkBytes)
            return Problems.Of(StatusCodes.Status413PayloadTooLarge, "chunk too large",
                $"a chunk carries at most {MaxChunkBytes} bytes; this one says {length}");
        if (context.Request.ContentLength is { } declared && declared != length)
            return Problems.Of(StatusCodes.Status400BadRequest, "bad content range",
                $"Content-Length ({declared}) differs from the range's {length} bytes");

        try
        {
            var offset = await store.AppendAsync(uploadId, start, length, context.Request.Body, CancellationToken.None);
            return Results.Ok(new { uploadId, offset, size = upload.Size, complete = offset == upload.Size });
        }
        catch (UploadOffsetMismatchException e)
        {
            return Problems.Of(StatusCodes.Status409Conflict, "wrong offset", e.Message,
                new Dictionary<string, object?> { ["offset"] = e.Offset });
        }
        catch (Exception e) when (e is UploadChunkLengthException or UploadStalledException or BadHttpRequestException
            or IOException or OperationCanceledException)
        {
            logs.CreateLogger("CommunityCluster.Node.ResumableUpload").LogWarning(
                "Upload {UploadId} of photo {PhotoId}: chunk at byte {Start} refused: {Reason}", uploadId,
                upload.PhotoId, start, e.Message);
            return Problems.Of(StatusCodes.Status400BadRequest, "incomplete chunk",
                e.Message + "; nothing of this chunk was kept", new Dictionary<string, object?> { ["offset"] = start });
        }
        catch (KeyNotFoundException)
        {
            return UnknownUpload(uploadId);
        }
    }

    private static async Task<IResult> Abandon(string uploadId, PartialUploadStore store)
    {
        if (!IsUploadId(uploadId))
            return BadUploadId(uploadId);

        try
        {
            return await store.WithUploadAsync(uploadId, (_, _) =>
            {
                store.Remove(uploadId, committed: false);
                return Task.FromResult(Results.NoContent());
            }, CancellationToken.None);
        }
        catch (KeyNotFoundException)
        {
            return UnknownUpload(uploadId);
        }
    }

    internal static object Describe(PartialUpload upload, long offset, ResolvedNodeSettings node) => new
    {
        uploadId = upload.UploadId,
        id = upload.PhotoId,
        size = upload.Size,
        offset,
        maxChunkBytes = MaxChunkBytes,
        expirySeconds = (long)node.Settings.Storage.UploadExpiry.TotalSeconds,
    };

    /// <summary>Reads a small JSON body; a malformed or oversized one is a problem, never an exception.</summary>
    internal static async Task<(T? Body, IResult? Problem)> ReadJsonAsync<T>(HttpContext context) where T : class
    {
        if (context.Request.ContentLength > MaxJsonBytes)
            return (null, Problems.Of(StatusCodes.Status413PayloadTooLarge, "body too large",
                $"this route takes a JSON body of at most {MaxJsonBytes} bytes"));

        context.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = MaxJsonBytes;
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, JsonSerializerOptions.Web);
            return body is null ? (null, BadJson("the body is empty")) : (body, null);
        }
        catch (JsonException e)
        {
            return (null, BadJson(e.Message));
        }
        catch (BadHttpRequestException e)
        {
            return (null, Problems.Of(e.StatusCode, "bad body", e.Message));
        }
    }

    internal static bool IsUploadId(string id) => UploadIdPattern().IsMatch(id);

    internal static IResult BadUploadId(string id) =>
        Problems.Of(StatusCodes.Status400BadRequest, "malformed upload id",
            $"'{(id.Length > 40 ? id[..40] + "..." : id)}' is not an upload id: upload ids are 32 hex digits");

    internal static IResult UnknownUpload(string id) =>
        Problems.Of(StatusCodes.Status404NotFound, "no such upload",
            $"no unfinished upload has id {id}: it was committed, abandoned or expired; open it again");

    /// <summary><c>bytes first-last/size</c> with the upload's own size and first &lt;= last &lt; size.</summary>
    private static (long Start, long End)? ParseRange(string header, long size)
    {
        var match = ContentRangePattern().Match(header);
        if (!match.Success)
            return null;

        var ok = Number(match, "first", out var first) & Number(match, "last", out var last)
            & Number(match, "size", out var total);
        return ok && total == size && first <= last && last < size ? (first, last) : null;
    }

    private static bool Number(Match match, string group, out long value) =>
        long.TryParse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static IResult BadJson(string detail) =>
        Problems.Of(StatusCodes.Status400BadRequest, "malformed body", $"expected a JSON object: {detail}");

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex UploadIdPattern();

    [GeneratedRegex(@"^bytes (?<first>\d{1,18})-(?<last>\d{1,18})/(?<size>\d{1,18})$")]
    private static partial Regex ContentRangePattern();
}

/// <summary>The body of <c>POST /api/uploads</c>: the bytes' SHA-256, their length and the file's name.</summary>
public sealed record OpenUploadBody(string? Id, long? Size, string? FileName);

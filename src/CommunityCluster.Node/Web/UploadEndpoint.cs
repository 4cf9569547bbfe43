using System.Text.RegularExpressions;
using Akka.Actor;
using CommunityCluster.Meta.Catalog;
using CommunityCluster.Meta.Service;
using CommunityCluster.Metadata;
using CommunityCluster.Node.Security;
using CommunityCluster.Node.Startup;
using CommunityCluster.Photos;
using CommunityCluster.Photos.Upload;
using CommunityCluster.Thumbs;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CommunityCluster.Node.Web;

/// <summary>
/// <c>POST /api/photos</c>: one or more multipart <c>file</c> parts, each streamed to disk while
/// hashed, then stored. A part that is empty, too large or cut short ends the request with a 4xx;
/// photos stored from earlier parts of the same request stay stored and are listed in the answer.
/// Each stored photo gets its catalog record: the metadata is read from the temp file before the
/// store removes it, and written once the photo is stored.
/// </summary>
public static partial class UploadEndpoint
{
    /// <summary>The uploader of a photo catalogued before accounts existed, or with no member behind it.</summary>
    public const string Anonymous = "anonymous";

    public static IEndpointRouteBuilder MapUploadEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/photos", Upload).DisableAntiforgery();
        return routes;
    }

    private static async Task<IResult> Upload(HttpContext context, PhotoUploader uploader, CatalogDirectory catalog,
        ThumbHubService thumbs, ResolvedNodeSettings node, ILoggerFactory logs)
    {
        var log = logs.CreateLogger("CommunityCluster.Node.Upload");
        var boundary = Boundary(context.Request.ContentType);
        if (boundary is null)
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, "not a multipart upload",
                "send multipart/form-data with one or more parts named 'file'");

        // Each file is bounded by --max-upload-size as it streams; the request as a whole is not.
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = null;
        var stored = new List<StoredPhoto>();
        var uploaderName = Uploader(context.Request);
        var reader = new MultipartReader(boundary, context.Request.Body);
        var tempFolder = UploadFolder(node);

        // Not RequestAborted: Kestrel fires it when the client half-closes, which would hide a body
        // cut short behind a silent abort. Kestrel's minimum data rate still ends a stalled upload,
        // and a photo that reached its quorum is committed even if the client has gone.
        var uninterrupted = CancellationToken.None;

        try
        {
            MultipartSection? section;
            while ((section = await UploadReceiver.WithStallTimeout(reader.ReadNextSectionAsync,
                uninterrupted)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFileDisposition() || disposition.Name.Value is not ("file" or "files"))
                    continue;

                var fileName = disposition.FileNameStar.Value ?? disposition.FileName.Value ?? "photo";
                var received = await UploadReceiver.ReceiveAsync(section.Body, fileName, tempFolder,
                    node.Settings.Storage.MaxUploadBytes,
                    uninterrupted);
                if (received.Size == 0)
                {
                    File.Delete(received.TempPath);
                    return Refuse(StatusCodes.Status400BadRequest, "empty file", $"'{received.FileName}' has no bytes",
                        stored);
                }

                var uploadedAt = DateTimeOffset.UtcNow;
                var metadata = ReadMetadata(received, uploadedAt);
                var photo = await uploader.StoreAsync(received, uninterrupted);
                log.LogInformation("Upload of {FileName}: photo {PhotoId}, {Size} bytes, {Outcome}", photo.FileName,
                    photo.PhotoId,
                    photo.Size, photo.Existed ? "already stored" : "stored");
                stored.Add(photo);
                await Catalog(catalog, metadata, uploaderName, uploadedAt, log);

                // The photo is stored: its thumbnail job goes to the worker this node's router picks.
                // Queuing never fails the upload; a job that could not be queued is found by the sweeper.
                await thumbs.QueueAsync(photo.PhotoId, CancellationToken.None);
            }
        }
        catch (UploadTooLargeException e)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, "file too large", e.Message, stored);
        }
        catch (UploadStalledException e)
        {
            return Refuse(StatusCodes.Status408RequestTimeout, "incomplete upload", e.Message, stored);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own verdict on the body: cut short (400), too slow to arrive (408), ...
            return Refuse(e.StatusCode, "incomplete upload", e.Message, stored);
        }
        catch (InvalidDataException e)
        {
            return Refuse(StatusCodes.Status400BadRequest, "malformed upload", e.Message, stored);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The connection dropped, or the body ended before its multipart structure did. The
            // receiver has already removed the temp file; if the client is still there, it learns why.
            log.LogWarning("Upload cut short after {Stored} photos: {Reason}", stored.Count, e.Message);
            return Refuse(StatusCodes.Status400BadRequest, "malformed upload", e.Message, stored);
        }
        catch (StorageUnavailableException e)
        {
            return Refuse(StatusCodes.Status503ServiceUnavailable, "storage unavailable", e.Message, stored);
        }
        catch (AskTimeoutException e)
        {
            // A photo entity or a chunk store did not answer in time (a home frozen or cut off, a shard
            // moving): the photos stored before stay stored, the rest may be sent again (the soak found it).
            log.LogWarning("Upload stopped: storage did not answer in time ({Reason})", e.Message);
            return Refuse(StatusCodes.Status503ServiceUnavailable, "storage unavailable",
                "the community's storage did not answer in time; send the files again in a moment", stored);
        }

        if (stored.Count == 0)
            return Problems.Of(StatusCodes.Status400BadRequest, "no file part",
                "the upload has no part named 'file' with a file name");

        return Results.Ok(new { photos = stored.Select(Describe) });
    }

    /// <summary>Before the store deletes the temp file; the reader never throws on content, only on I/O.</summary>
    internal static PhotoMetadata ReadMetadata(ReceivedFile received, DateTimeOffset uploadedAt)
    {
        using var content = File.OpenRead(received.TempPath);
        return PhotoMetadataReader.Read(content, received.PhotoId, received.FileName, uploadedAt);
    }

    /// <summary>
    /// Records the stored photo in the catalog. The photo is stored whatever happens here, so a
    /// failure is logged, not returned: a write that timed out is retried in the background, and a
    /// re-upload of the same bytes records it again.
    /// State "thumbnails pending": ThumbHub's <see cref="Catalog.PreviewRecorder"/> takes it from there.
    /// </summary>
    internal static async Task Catalog(CatalogDirectory catalog, PhotoMetadata metadata, string uploader,
        DateTimeOffset uploadedAt, ILogger log)
    {
        // Every stored photo gets a thumbnail job right after; ThumbHub moves the state on from here.
        var state = metadata.Outcome == MetadataOutcome.Photo ? PhotoState.ThumbnailsPending : PhotoState.NoPreview;
        var upload = new PhotoUpload(metadata.Id, PhotoFacts.From(metadata, uploader, uploadedAt), state,
            metadata.Title, metadata.Description);
        try
        {
            var (reply, _) = await CatalogRecordRetry.RecordAsync(() => catalog.AskAsync(new RecordUpload(upload)),
                metadata.Id, log);
            if (reply is CatalogRefused refused)
                log.LogWarning("Photo {PhotoId} is stored but not catalogued: {Reason}", metadata.Id, refused.Detail);
        }
        catch (InvalidOperationException e)
        {
            log.LogError(e, "Photo {PhotoId} is stored but its catalog record could not be written", metadata.Id);
        }
    }

    /// <summary>Who uploads: the signed-in member (every upload route needs one), whose name the catalog keeps.</summary>
    internal static string Uploader(HttpRequest request) => request.HttpContext.User.MemberName() ?? Anonymous;

    private static object Describe(StoredPhoto p) =>
        new
        {
            id = p.PhotoId,
            fileName = p.FileName,
            size = p.Size,
            contentType = p.ContentType,
            existed = p.Existed,
            holders = p.Holders
        };

    private static IResult Refuse(int status, string title, string detail, List<StoredPhoto> stored) =>
        Problems.Of(status, title, detail, new Dictionary<string,
            object?>
        { ["stored"] = stored.Select(Describe).ToList() });

    private static string? Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return null;

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        return string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200 ? null : boundary;
    }

    public static string UploadFolder(ResolvedNodeSettings node) => Path.Combine(node.Settings.DataDirectory, "tmp",
        "uploads");
}

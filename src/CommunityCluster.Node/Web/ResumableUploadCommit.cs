using Akka.Actor;
using CommunityCluster.Meta.Service;
using CommunityCluster.Node.Startup;
using CommunityCluster.Photos.Upload;

namespace CommunityCluster.Node.Web;

/// <summary>
/// <c>POST /api/uploads/{uploadId}/commit</c>: once every byte has arrived, reads the part file
/// through the same receiver as a multipart upload (hash, chunks, sniffed type), refuses it unless
/// its SHA-256 is the declared id, then stores and catalogues it exactly as <c>POST /api/photos</c>
/// does. A wrong hash drops the upload (its bytes can never become that photo); too few nodes to
/// store it keeps the upload, so the client can commit again later without sending anything.
/// </summary>
public static class ResumableUploadCommit
{
    public static async Task<IResult> CommitAsync(string uploadId, PartialUploadStore store, PhotoUploader uploader,
        CatalogDirectory catalog, ResolvedNodeSettings node, ILoggerFactory logs)
    {
        if (!ResumableUploadEndpoints.IsUploadId(uploadId))
            return ResumableUploadEndpoints.BadUploadId(uploadId);

        var log = logs.CreateLogger("CommunityCluster.Node.ResumableUpload");
        try
        {
            return await store.WithUploadAsync(uploadId,
                (upload, partPath) => CommitLockedAsync(upload, partPath, store, uploader, catalog, node, log),
                CancellationToken.None);
        }
        catch (KeyNotFoundException)
        {
            return ResumableUploadEndpoints.UnknownUpload(uploadId);
        }
    }

    private static async Task<IResult> CommitLockedAsync(PartialUpload upload, string partPath,
        PartialUploadStore store, PhotoUploader uploader, CatalogDirectory catalog, ResolvedNodeSettings node,
        ILogger log)
    {
        var offset = store.Offset(upload.UploadId);
        if (offset < upload.Size)
            return Problems.Of(StatusCodes.Status409Conflict, "upload incomplete",
                $"{offset} of {upload.Size} bytes have arrived; send the rest before committing",
                new Dictionary<string, object?> { ["offset"] = offset });

        ReceivedFile received;
        await using (var part = new FileStream(partPath, FileMode.Open, FileAccess.Read, FileShare.Read))
            received = await UploadReceiver.ReceiveAsync(part, upload.FileName, UploadEndpoint.UploadFolder(node),
                node.Settings.Storage.MaxUploadBytes, CancellationToken.None);

        if (received.PhotoId != upload.PhotoId)
        {
            File.Delete(received.TempPath);
            store.Remove(upload.UploadId, committed: false);
            log.LogWarning("Upload {UploadId} refused: its bytes hash to {ActualId}, not the declared photo {PhotoId}",
                upload.UploadId, received.PhotoId, upload.PhotoId);
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "hash mismatch",
                $"the {upload.Size} bytes received hash to {received.PhotoId}, "
                + $"not to the declared id {upload.PhotoId}; "
                + "nothing was stored and the upload is dropped: open a new one and send the file again");
        }

        var uploadedAt = DateTimeOffset.UtcNow;
        var metadata = UploadEndpoint.ReadMetadata(received, uploadedAt);
        try
        {
            var photo = await uploader.StoreAsync(received, CancellationToken.None);
            store.Remove(upload.UploadId, committed: true);
            log.LogInformation("Upload {UploadId}: photo {PhotoId}, {Size} bytes, {Outcome}", upload.UploadId,
                photo.PhotoId, photo.Size, photo.Existed ? "already stored" : "stored");
            await UploadEndpoint.Catalog(catalog, metadata, upload.Uploader, uploadedAt, log);
            return Results.Ok(new
            {
                id = photo.PhotoId,
                fileName = photo.FileName,
                size = photo.Size,
                contentType = photo.ContentType,
                existed = photo.Existed,
                holders = photo.Holders,
            });
        }
        catch (Exception e) when (e is StorageUnavailableException or AskTimeoutException)
        {
            File.Delete(received.TempPath);
            log.LogWarning("Upload {UploadId} of photo {PhotoId} kept for a later commit: {Reason}", upload.UploadId,
                upload.PhotoId, e.Message);
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "storage unavailable",
                e.Message + "; the bytes are kept, commit again later");
        }
    }
}

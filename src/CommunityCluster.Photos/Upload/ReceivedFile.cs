using CommunityCluster.Core.Storage;

namespace CommunityCluster.Photos.Upload;

/// <summary>An uploaded file on the web node's disk, hashed and cut into chunks as it arrived.</summary>
public sealed record ReceivedFile(string TempPath, string PhotoId, long Size, IReadOnlyList<ChunkRef> Chunks, string FileName, string ContentType);

/// <summary>The upload is larger than the node accepts (<c>--max-upload-size</c>).</summary>
public sealed class UploadTooLargeException(long limit) : Exception($"the file is larger than the limit of {limit} bytes")
{
    public long Limit { get; } = limit;
}

/// <summary>No bytes of the upload arrived for <see cref="UploadReceiver.StallTimeout"/>: the client is gone or stuck.</summary>
public sealed class UploadStalledException() : Exception($"no data arrived for {UploadReceiver.StallTimeout.TotalSeconds} s; the upload was abandoned");

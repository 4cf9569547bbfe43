namespace CommunityCluster.Photos.Upload;

/// <summary>
/// A resumable upload as the web node keeps it between requests: what the client declared when
/// it opened the upload. The bytes received so far are the length of its <c>.part</c> file, so a
/// node restart loses nothing. Stored as JSON beside the bytes (<c>version</c> 1).
/// </summary>
/// <param name="UploadId">32 hex digits given by the server.</param>
/// <param name="PhotoId">The SHA-256 the bytes must have; checked at commit, never trusted before.</param>
/// <param name="Size">The exact length the bytes must have.</param>
public sealed record PartialUpload(
    int Version,
    string UploadId,
    string PhotoId,
    long Size,
    string FileName,
    string Uploader,
    DateTimeOffset OpenedAt);

/// <summary>A chunk that does not start where the upload stands; <see cref="Offset"/> is where it does.</summary>
public sealed class UploadOffsetMismatchException(long offset, long start)
    : Exception($"the chunk starts at byte {start} but the upload has {offset} bytes; send from byte {offset}")
{
    public long Offset { get; } = offset;
}

/// <summary>A chunk whose body is not as long as its range says: cut short, or longer than announced.</summary>
public sealed class UploadChunkLengthException(string message) : Exception(message);

/// <summary>The node keeps as many unfinished uploads as it allows; the client should finish or wait.</summary>
public sealed class TooManyUploadsException(int limit)
    : Exception($"this node already keeps {limit} unfinished uploads; finish or abandon some first");

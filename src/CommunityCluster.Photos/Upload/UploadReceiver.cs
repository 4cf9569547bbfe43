using System.Buffers;
using System.Security.Cryptography;
using CommunityCluster.Core.Storage;
using CommunityCluster.Metadata;

namespace CommunityCluster.Photos.Upload;

/// <summary>
/// Streams an upload to a temp file while hashing it whole (the photo id) and chunk by chunk (the
/// chunk ids), so a 200 MB upload holds one 64 KiB buffer in memory, never the file. Whatever goes
/// wrong (too large, client gone, body cut short), the temp file is removed before the error
/// leaves.
/// </summary>
public static class UploadReceiver
{
    /// <summary>
    /// An upload that sends nothing for this long is abandoned. Kestrel's minimum data rate is an
    /// average over the whole body, so a client that sends a burst then stalls would otherwise hold
    /// its connection and temp file for many minutes.
    /// </summary>
    public static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Reads with <see cref="StallTimeout"/> between arrivals.</summary>
    public static async Task<T> WithStallTimeout<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancel)
    {
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        stall.CancelAfter(StallTimeout);
        try
        {
            return await read(stall.Token);
        }
        catch (OperationCanceledException) when (stall.IsCancellationRequested && !cancel.IsCancellationRequested)
        {
            throw new UploadStalledException();
        }
    }

    public static async Task<ReceivedFile> ReceiveAsync(
        Stream body, string fileName, string tempFolder, long maxBytes, CancellationToken cancel)
    {
        Directory.CreateDirectory(tempFolder);
        var tempPath = Path.Combine(tempFolder, $"{Guid.NewGuid():N}.upload");
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkLayout.PieceSize);
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var chunk = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var chunks = new List<ChunkRef>();
        var header = new byte[ContentSniffer.HeaderLength];
        long size = 0;
        var inChunk = 0;

        try
        {
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true))
            {
                int read;
                while ((read = await WithStallTimeout(t => body.ReadAsync(buffer.AsMemory(0, ChunkLayout.PieceSize), t).AsTask(), cancel)) > 0)
                {
                    if (size < header.Length)
                        buffer.AsSpan(0, (int)Math.Min(read, header.Length - size)).CopyTo(header.AsSpan((int)size));

                    size += read;
                    if (size > maxBytes)
                        throw new UploadTooLargeException(maxBytes);

                    await file.WriteAsync(buffer.AsMemory(0, read), cancel);
                    whole.AppendData(buffer, 0, read);
                    inChunk = HashIntoChunks(chunk, chunks, buffer.AsSpan(0, read), inChunk);
                }
            }

            if (inChunk > 0)
                chunks.Add(new ChunkRef(ContentId.FromHash(chunk.GetHashAndReset()).Hex, inChunk));

            var photoId = ContentId.FromHash(whole.GetHashAndReset()).Hex;
            return new ReceivedFile(tempPath, photoId, size, chunks, SafeName(fileName), ContentSniffer.Sniff(header.AsSpan(0, (int)Math.Min(size, header.Length))).MediaType());
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Feeds bytes into the running chunk hash, closing a chunk at every 1 MiB boundary.</summary>
    private static int HashIntoChunks(IncrementalHash chunk, List<ChunkRef> chunks, ReadOnlySpan<byte> data, int inChunk)
    {
        while (data.Length > 0)
        {
            var take = Math.Min(data.Length, ChunkLayout.ChunkSize - inChunk);
            chunk.AppendData(data[..take]);
            inChunk += take;
            data = data[take..];
            if (inChunk == ChunkLayout.ChunkSize)
            {
                chunks.Add(new ChunkRef(ContentId.FromHash(chunk.GetHashAndReset()).Hex, inChunk));
                inChunk = 0;
            }
        }

        return inChunk;
    }

    /// <summary>The name as the user gave it, without any folder part and bounded in length.</summary>
    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        name = new string(name.Where(c => !char.IsControl(c)).ToArray());
        return name.Length == 0 ? "photo" : name[..Math.Min(name.Length, 200)];
    }
}

using System.Diagnostics;
using Akka.Actor;
using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Chunks;

namespace CommunityCluster.Photos.Transfer;

/// <summary>Why a chunk could not be moved; the caller tries another replica or gives up.</summary>
public sealed class ChunkTransferException(string chunkId, string reason)
    : Exception($"chunk {chunkId}: {reason}")
{
    public string Reason { get; } = reason;
}

/// <summary>
/// Moves one chunk between nodes as pieces with a window of pieces in flight, each one
/// acknowledged: piece size and window bound the bytes queued on a home uplink ahead of
/// heartbeats and other control messages (DESIGN.md fact 2), and both follow the link's measured
/// throughput (<see cref="ChunkLayout.PieceSizeFor"/>, <see cref="ChunkLayout.Window"/>).
/// </summary>
public static class ChunkTransfer
{
    public static readonly TimeSpan PieceTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long to wait for one piece over a link: four times what the round trip and the measured
    /// throughput predict, between 2 and 30 s (10 s while the link is unmeasured). A dead home is
    /// given up on in seconds, a slow ADSL link is not mistaken for one.
    /// </summary>
    public static TimeSpan PieceTimeoutFor(double? roundTripMs, double? bytesPerSecond)
    {
        if (bytesPerSecond is not { } rate || rate <= 0)
            return TimeSpan.FromSeconds(10);

        var expected = (roundTripMs ?? 0) / 1000 + ChunkLayout.PieceSizeFor(rate) / rate;
        return TimeSpan.FromSeconds(Math.Clamp(4 * expected, 2, 30));
    }

    /// <summary>
    /// Pushes a chunk to a store over a link of the given throughput (null: unmeasured); returns
    /// the time it took. <paramref name="readPiece"/> gives (offset, length) bytes.
    /// </summary>
    public static async Task<TimeSpan> PushAsync(ICanTell store, string transferId, ChunkRef chunk,
        Func<int, int, byte[]> readPiece, double? bytesPerSecond, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        using var complete = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var (pieces, pieceSize, window) = PiecesOf(chunk, bytesPerSecond);
        var done = false;

        try
        {
            await Parallel.ForEachAsync(pieces, new ParallelOptions { MaxDegreeOfParallelism = window, CancellationToken = complete.Token },
                async (offset, token) =>
                {
                    var data = readPiece(offset, Math.Min(pieceSize, chunk.Length - offset));
                    var reply = await store.Ask<IPhotoHubMessage>(new StorePiece(transferId, chunk.Id, offset, chunk.Length, data),
                        PieceTimeout, token);
                    switch (reply)
                    {
                        case PieceStored { ChunkComplete: true }:
                            done = true;
                            await complete.CancelAsync(); // the store had it already, or it is whole now
                            break;
                        case PieceRefused refused:
                            throw new ChunkTransferException(chunk.Id, refused.Reason);
                    }
                });
        }
        catch (OperationCanceledException) when (done && !cancel.IsCancellationRequested)
        {
        }
        catch (AskTimeoutException)
        {
            throw new ChunkTransferException(chunk.Id, "timed out");
        }

        if (!done)
            throw new ChunkTransferException(chunk.Id, "the store never reported the chunk whole");

        return clock.Elapsed;
    }

    /// <summary>
    /// Fetches a whole chunk from a store over a link of the given throughput (null: unmeasured)
    /// and verifies it against its id. The fetcher sizes the pieces, so a slow holder's uplink
    /// never holds more than a quarter second of this transfer.
    /// </summary>
    public static async Task<byte[]> FetchAsync(ICanTell store, ChunkRef chunk, double? bytesPerSecond,
        CancellationToken cancel, TimeSpan? pieceTimeout = null)
    {
        var buffer = new byte[chunk.Length];
        var (pieces, pieceSize, window) = PiecesOf(chunk, bytesPerSecond);

        try
        {
            await Parallel.ForEachAsync(pieces, new ParallelOptions { MaxDegreeOfParallelism = window, CancellationToken = cancel },
                async (offset, token) =>
                {
                    var length = Math.Min(pieceSize, chunk.Length - offset);
                    var reply = await store.Ask<IPhotoHubMessage>(new ReadPiece(chunk.Id, offset, length), pieceTimeout ?? PieceTimeout, token);
                    if (reply is PieceUnavailable unavailable)
                        throw new ChunkTransferException(chunk.Id, unavailable.Reason);

                    var data = ((PieceData)reply).Data;
                    if (data.Length != length)
                        throw new ChunkTransferException(chunk.Id, "short piece");

                    data.CopyTo(buffer, offset);
                });
        }
        catch (AskTimeoutException)
        {
            throw new ChunkTransferException(chunk.Id, "timed out");
        }

        if (ContentId.Of(buffer).Hex != chunk.Id)
            throw new ChunkTransferException(chunk.Id, "hash mismatch");

        return buffer;
    }

    /// <summary>The offsets of a chunk's pieces, their size and the window, for a link of this throughput.</summary>
    private static (IEnumerable<int> Offsets, int PieceSize, int Window) PiecesOf(
        ChunkRef chunk, double? bytesPerSecond)
    {
        var pieceSize = ChunkLayout.PieceSizeFor(bytesPerSecond);
        var offsets = Enumerable.Range(0, ChunkLayout.PieceCount(chunk.Length, pieceSize)).Select(i => i * pieceSize);
        return (offsets, pieceSize, ChunkLayout.Window(bytesPerSecond));
    }
}

namespace CommunityCluster.Core.Storage;

/// <summary>One chunk of a photo: its id and its length. Offsets follow from the order.</summary>
public sealed record ChunkRef(string Id, int Length);

/// <summary>
/// How photos are cut and moved. A chunk (1 MiB) is the unit that is addressed, verified, stored
/// as one file and replicated; a piece (64 KiB) is the unit that crosses the wire. Pieces stay
/// below Akka.Remote's 128,000-byte frame and below the 85,000-byte large-object threshold
/// (DESIGN.md fact 2), and a window of pieces bounds what waits in a home uplink's queue ahead of
/// the failure detector's heartbeats.
/// </summary>
public static class ChunkLayout
{
    public const int ChunkSize = 1024 * 1024;

    public const int PieceSize = 64 * 1024;

    /// <summary>Where each chunk of the list starts in the photo.</summary>
    public static IReadOnlyList<long> Offsets(IReadOnlyList<ChunkRef> chunks)
    {
        var offsets = new long[chunks.Count];
        for (var i = 1; i < chunks.Count; i++)
            offsets[i] = offsets[i - 1] + chunks[i - 1].Length;
        return offsets;
    }

    public static int PieceCount(int chunkLength) => Math.Max(1, (chunkLength + PieceSize - 1) / PieceSize);

    /// <summary>
    /// Pieces in flight for a link of the given throughput: about a quarter second of data, so a
    /// heartbeat never queues behind more than that; at least 1, at most 32.
    /// </summary>
    public static int Window(double? bytesPerSecond)
    {
        if (bytesPerSecond is not { } rate || rate <= 0)
            return 2;

        return (int)Math.Clamp(Math.Ceiling(rate * 0.25 / PieceSize), 1, 32);
    }
}

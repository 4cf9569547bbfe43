namespace CommunityCluster.Core.Storage;

/// <summary>One chunk of a photo: its id and its length. Offsets follow from the order.</summary>
public sealed record ChunkRef(string Id, int Length);

/// <summary>
/// How photos are cut and moved. A chunk (1 MiB) is the unit that is addressed, verified, stored
/// as one file and replicated; a piece (8 to 64 KiB, by the link) is the unit that crosses the
/// wire. Pieces stay below Akka.Remote's 128,000-byte frame and below the 85,000-byte
/// large-object threshold (DESIGN.md fact 2), and piece size and window bound what waits in a
/// home uplink's queue ahead of the failure detector's heartbeats.
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

    /// <summary>
    /// The smallest piece, and the grain every piece's offset and length keep (but a chunk's
    /// last): a receiver counts what arrived in blocks of this size, so pieces of any allowed size
    /// fit together.
    /// </summary>
    public const int MinPieceSize = 8 * 1024;

    public static int PieceCount(int chunkLength, int pieceSize = PieceSize) =>
        Math.Max(1, (chunkLength + pieceSize - 1) / pieceSize);

    /// <summary>
    /// The piece size for a link of the given throughput: about a quarter second of data, in steps
    /// of <see cref="MinPieceSize"/>, at most <see cref="PieceSize"/>. On a 0.26 Mbit/s ADSL uplink
    /// a 64 KiB piece takes 2 s, and every control message to that peer (a plan's answer, a
    /// write's acknowledgement, a heartbeat) waits behind it; an 8 KiB piece takes a quarter second.
    /// Unmeasured links get full pieces.
    /// </summary>
    public static int PieceSizeFor(double? bytesPerSecond)
    {
        if (bytesPerSecond is not { } rate || rate <= 0)
            return PieceSize;

        var quarterSecond = (int)Math.Min(rate * 0.25, PieceSize);
        return Math.Max(MinPieceSize, quarterSecond / MinPieceSize * MinPieceSize);
    }

    /// <summary>
    /// Pieces in flight for a link of the given throughput: about a quarter second of data, so a
    /// heartbeat never queues behind more than that; at least 1, at most 32.
    /// </summary>
    public static int Window(double? bytesPerSecond)
    {
        if (bytesPerSecond is not { } rate || rate <= 0)
            return 2;

        return (int)Math.Clamp(Math.Ceiling(rate * 0.25 / PieceSizeFor(rate)), 1, 32);
    }
}

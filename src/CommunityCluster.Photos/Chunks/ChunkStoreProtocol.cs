namespace CommunityCluster.Photos.Chunks;

/// <summary>Marks PhotoHub's wire contract (see <see cref="PhotoHubSerializer"/>).</summary>
public interface IPhotoHubMessage;

// Push, for uploads: the sender keeps a window of pieces in flight, each acknowledged.

/// <summary>One piece of a chunk being stored; <paramref name="ChunkLength"/> tells the store when it is whole.</summary>
public sealed record StorePiece(string TransferId, string ChunkId, int Offset, int ChunkLength, byte[] Data) : IPhotoHubMessage;

/// <summary>A piece landed; <paramref name="ChunkComplete"/> once the chunk is verified and on disk (or was already there).</summary>
public sealed record PieceStored(string TransferId, string ChunkId, int Offset, bool ChunkComplete) : IPhotoHubMessage;

/// <summary>The store will not take this chunk: quota, hash mismatch, disk error.</summary>
public sealed record PieceRefused(string TransferId, string ChunkId, string Reason) : IPhotoHubMessage;

// Pull, for reads and repairs: the reader asks for pieces, a window at a time.

public sealed record ReadPiece(string ChunkId, int Offset, int Length) : IPhotoHubMessage;

public sealed record PieceData(string ChunkId, int Offset, byte[] Data) : IPhotoHubMessage;

/// <summary>The store cannot serve the chunk: it is missing, or failed its hash and was removed.</summary>
public sealed record PieceUnavailable(string ChunkId, string Reason) : IPhotoHubMessage;

// Local to a node: its auditor and web layer talking to its own store.

public sealed record WriteChunk(string ChunkId, byte[] Bytes);

public sealed record ChunkWritten(string ChunkId, ChunkFault Fault);

/// <summary>Which of these chunks does the store hold? Answered with <see cref="ChunksHeld"/>.</summary>
public sealed record CheckChunks(IReadOnlyList<string> ChunkIds);

public sealed record ChunksHeld(IReadOnlyList<string> ChunkIds);

/// <summary>Re-hash one stored chunk (the scrub); a rotten one is removed and reported as corrupt.</summary>
public sealed record VerifyChunk(string ChunkId);

public sealed record ChunkVerified(string ChunkId, ChunkFault Fault);

public sealed record DeleteChunks(IReadOnlyList<string> ChunkIds);

public sealed record ChunksDeleted(int Count, long FreedBytes);

public sealed record GetStoreStatus
{
    public static readonly GetStoreStatus Instance = new();
}

public sealed record StoreStatus(long UsedBytes, long QuotaBytes, int Chunks, int TransfersInProgress);

/// <summary>Every chunk id this store holds; for the auditor's cleanup of orphans.</summary>
public sealed record ListChunks
{
    public static readonly ListChunks Instance = new();
}

public sealed record ChunkList(IReadOnlyCollection<string> ChunkIds);

/// <summary>Frees chunks not in <paramref name="Keep"/> whose files were last written before <paramref name="WrittenBefore"/>.</summary>
public sealed record DeleteOrphans(IReadOnlySet<string> Keep, DateTime WrittenBefore);

using Akka.Actor;
using Akka.Event;
using CommunityCluster.Core.Storage;
using CommunityCluster.Discovery;

namespace CommunityCluster.Photos.Chunks;

/// <summary>
/// A photos node's chunk store, at <see cref="Path"/>. It owns <see cref="ChunkFiles"/> and runs
/// on a dispatcher of its own because it blocks on the disk. Pieces of a chunk being pushed are
/// written at their offsets into a temp file; when all have arrived the chunk is fsynced,
/// verified and renamed into place. Transfers idle for <see cref="StaleTransferAfter"/> are
/// dropped with their temp files.
/// </summary>
public sealed class ChunkStoreActor : ReceiveActor, IWithTimers
{
    public const string Name = "chunk-store";
    public const string Path = "/user/" + Name;

    private static readonly TimeSpan StaleTransferAfter = TimeSpan.FromMinutes(2);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ChunkFiles _files;
    private readonly StorageGauge _gauge;
    private readonly Dictionary<(string TransferId, string ChunkId), PartialChunk> _partials = [];

    public ChunkStoreActor(ChunkFiles files, StorageGauge gauge)
    {
        _files = files;
        _gauge = gauge;
        _gauge.Set(files.UsedBytes);

        Receive<StorePiece>(OnStorePiece);
        Receive<ReadPiece>(OnReadPiece);
        Receive<WriteChunk>(w => Sender.Tell(new ChunkWritten(w.ChunkId, Track(_files.Write(w.ChunkId, w.Bytes)))));
        Receive<CheckChunks>(c => Sender.Tell(new ChunksHeld([.. c.ChunkIds.Where(_files.Has)])));
        Receive<VerifyChunk>(v => Sender.Tell(new ChunkVerified(v.ChunkId, Track(_files.ReadVerified(v.ChunkId).Fault))));
        Receive<DeleteChunks>(d => Delete(d.ChunkIds));
        Receive<DeleteOrphans>(d => Delete([.. _files.Ids.Where(id => !d.Keep.Contains(id) && _files.WrittenAt(id) < d.WrittenBefore)]));
        Receive<ListChunks>(_ => Sender.Tell(new ChunkList([.. _files.Ids])));
        Receive<GetStoreStatus>(_ => Sender.Tell(new StoreStatus(_files.UsedBytes, _files.QuotaBytes, _files.Count, _partials.Count)));
        Receive<SweepTick>(_ => SweepStaleTransfers());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ChunkFiles files, StorageGauge gauge) =>
        Akka.Actor.Props.Create(() => new ChunkStoreActor(files, gauge)).WithDispatcher(PhotoHubDispatchers.Disk);

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(SweepTick.Instance, SweepTick.Instance, TimeSpan.FromSeconds(30));
        _log.Info("Chunk store holds {Chunks} chunks, {UsedBytes} of {QuotaBytes} bytes", _files.Count, _files.UsedBytes,
            _files.QuotaBytes);
    }

    protected override void PostStop()
    {
        foreach (var partial in _partials.Values)
            partial.Abandon();
    }

    private void OnStorePiece(StorePiece piece)
    {
        var key = (piece.TransferId, piece.ChunkId);
        if (!_partials.TryGetValue(key, out var partial))
        {
            if (!ContentId.TryParse(piece.ChunkId, out _) || piece.ChunkLength is <= 0 or > ChunkLayout.ChunkSize)
            {
                Sender.Tell(new PieceRefused(piece.TransferId, piece.ChunkId, "malformed chunk id or length"));
                return;
            }

            if (_files.Has(piece.ChunkId))
            {
                Sender.Tell(new PieceStored(piece.TransferId, piece.ChunkId, piece.Offset, ChunkComplete: true));
                return;
            }

            if (!_files.HasRoomFor(piece.ChunkLength))
            {
                _log.Warning("Refusing chunk {ChunkId}: quota of {QuotaBytes} bytes reached", piece.ChunkId, _files.QuotaBytes);
                Sender.Tell(new PieceRefused(piece.TransferId, piece.ChunkId, "quota exceeded"));
                return;
            }

            partial = new PartialChunk(_files.NewTempPath(piece.ChunkId), piece.ChunkLength);
            _partials[key] = partial;
        }

        if (!partial.Accept(piece.Offset, piece.Data))
        {
            Sender.Tell(new PieceRefused(piece.TransferId, piece.ChunkId, "piece outside the chunk"));
            return;
        }

        if (!partial.IsWhole)
        {
            Sender.Tell(new PieceStored(piece.TransferId, piece.ChunkId, piece.Offset, ChunkComplete: false));
            return;
        }

        _partials.Remove(key);
        var fault = Track(_files.Commit(partial.Close(), piece.ChunkId));
        Sender.Tell(fault == ChunkFault.None
            ? new PieceStored(piece.TransferId, piece.ChunkId, piece.Offset, ChunkComplete: true)
            : new PieceRefused(piece.TransferId, piece.ChunkId, fault.ToString()));
    }

    private void OnReadPiece(ReadPiece read)
    {
        if (!ContentId.TryParse(read.ChunkId, out _) || read.Offset < 0 || read.Length is <= 0 or > ChunkLayout.PieceSize)
        {
            Sender.Tell(new PieceUnavailable(read.ChunkId, "malformed request"));
            return;
        }

        // The first piece of a read verifies the whole chunk, so a rotten file is found and removed
        // here rather than served; the reader verifies what it assembles as well.
        var (fault, bytes) = read.Offset == 0
            ? Slice(_files.ReadVerified(read.ChunkId), read.Length)
            : _files.ReadRange(read.ChunkId, read.Offset, read.Length);
        Track(fault);

        if (fault != ChunkFault.None)
        {
            _log.Warning("Cannot serve chunk {ChunkId}: {Fault}", read.ChunkId, fault);
            Sender.Tell(new PieceUnavailable(read.ChunkId, fault.ToString()));
            return;
        }

        Sender.Tell(new PieceData(read.ChunkId, read.Offset, bytes!));
    }

    private void Delete(IReadOnlyList<string> chunkIds)
    {
        var before = _files.UsedBytes;
        var count = 0;
        foreach (var id in chunkIds.Where(_files.Has).ToList())
        {
            _files.Delete(id);
            count++;
        }

        _gauge.Set(_files.UsedBytes);
        Sender.Tell(new ChunksDeleted(count, before - _files.UsedBytes));
    }

    private ChunkFault Track(ChunkFault fault)
    {
        if (fault == ChunkFault.Corrupt)
        {
            _log.Warning("A stored chunk failed its hash check and was removed; the auditor fetches it again");
            Context.ActorSelection(Repair.ReplicaAuditor.Path).Tell(Repair.AuditNow.Instance);
        }

        _gauge.Set(_files.UsedBytes);
        return fault;
    }

    private void SweepStaleTransfers()
    {
        var stale = _partials.Where(p => p.Value.IdleFor > StaleTransferAfter).ToList();
        foreach (var (key, partial) in stale)
        {
            partial.Abandon();
            _partials.Remove(key);
            _log.Info("Dropped stale transfer {TransferId} of chunk {ChunkId}", key.TransferId, key.ChunkId);
        }
    }

    private static (ChunkFault, byte[]?) Slice((ChunkFault Fault, byte[]? Bytes) read, int length) =>
        read.Fault != ChunkFault.None ? read : (ChunkFault.None, read.Bytes![..Math.Min(length, read.Bytes!.Length)]);

    private sealed class SweepTick
    {
        public static readonly SweepTick Instance = new();
    }
}

/// <summary>The store's current use, shared with the profile publisher of the same node.</summary>
public sealed class StorageGauge : IStorageGauge
{
    private long _used;

    public long UsedBytes => Interlocked.Read(ref _used);

    public void Set(long bytes) => Interlocked.Exchange(ref _used, bytes);
}

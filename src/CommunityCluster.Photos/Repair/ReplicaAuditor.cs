using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using CommunityCluster.Core.Storage;
using CommunityCluster.Discovery;
using CommunityCluster.Photos.Chunks;
using CommunityCluster.Photos.Entity;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Photos.Transfer;

namespace CommunityCluster.Photos.Repair;

/// <summary>Run an audit pass now (a chunk was found rotten, or a test wants it).</summary>
public sealed record AuditNow
{
    public static readonly AuditNow Instance = new();
}

internal sealed record AuditTick
{
    public static readonly AuditTick Instance = new();
}

/// <summary>A fill that could not finish, tried again (<paramref name="Attempt"/> counts from 2).</summary>
internal sealed record RetryFill(FillReplica Fill, int Attempt);

/// <summary>How pulling a photo's missing chunks ended.</summary>
internal enum PullOutcome
{
    /// <summary>This node holds every chunk.</summary>
    Complete,

    /// <summary>A chunk could not be had now; trying again later may work.</summary>
    Failed,

    /// <summary>This node's quota has no room for the photo: retrying cannot help.</summary>
    NoRoom,
}

/// <summary>
/// Makes this node's disk match the manifests, at <see cref="Path"/> on every photos node:
/// - fills: pulls every chunk of a photo it was asked to hold (<see cref="FillReplica"/>) from the
///   best live replica, then tells the photo entity it holds them all;
/// - audit: for every photo listing this node, chunks that went missing or rotten are pulled again
///   (a node back with its disk only pulls what it lacks);
/// - scrub: a few stored chunks are re-hashed each pass;
/// - cleanup: chunks of photos deleted longer ago than the grace, and orphans, are freed.
/// Work runs one message at a time, so repairs on one node are sequential and paced.
/// </summary>
public sealed class ReplicaAuditor : ReceiveActor, IWithTimers
{
    public const string Name = "replica-auditor";
    public const string Path = "/user/" + Name;

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a pull waits for a live replica to become known: a node that has just joined learns
    /// the other homes' profiles by gossip within seconds, and its first fills arrive before that.
    /// </summary>
    private static readonly TimeSpan SourcesSettleWithin = TimeSpan.FromSeconds(10);

    /// <summary>A failed fill is tried again this often, this many times, before the audit takes it over.</summary>
    private static readonly TimeSpan RetryFillAfter = TimeSpan.FromSeconds(10);

    private const int MaxFillAttempts = 4;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly PhotoHubOptions _options;
    private readonly IActorRef _store;
    private readonly IActorRef _photos;
    private readonly CommunityDirectory _directory;
    private readonly IActorRef _linkProber;
    private readonly ManifestDirectory _manifests = new(Context.System);
    private readonly StorageNodes _nodes = new(Context.System);
    private readonly Pacer _pacer;
    private int _scrubCursor;

    /// <summary>A fill planned before this moment was being pushed to an earlier run of this node.</summary>
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;

    /// <summary>
    /// Photos whose fill this run was sent, and when: no push works on them any more. Kept until the
    /// fill would count as stalled anyway, so a manifest still on its way here is not missed.
    /// </summary>
    private readonly Dictionary<string, DateTimeOffset> _handedOver = new(StringComparer.Ordinal);

    public ReplicaAuditor(PhotoHubOptions options, IActorRef store, IActorRef photos, CommunityDirectory directory, IActorRef linkProber)
    {
        _options = options;
        _store = store;
        _photos = photos;
        _directory = directory;
        _linkProber = linkProber;
        _pacer = new Pacer(options.RepairBytesPerSecond);

        // A fill handed over and then skipped is the audit's once it is no longer fresh (FreshFills).
        ReceiveAsync<FillReplica>(fill => StarvedPass.Run(_log, "Fill pass", () => Fill(fill, 1)));
        ReceiveAsync<RetryFill>(retry => StarvedPass.Run(_log, "Fill pass", () => Fill(retry.Fill, retry.Attempt)));
        ReceiveAsync<AuditTick>(_ => StarvedPass.Run(_log, "Audit pass", Audit));
        ReceiveAsync<AuditNow>(_ => StarvedPass.Run(_log, "Audit pass", Audit));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(PhotoHubOptions options, IActorRef store, IActorRef photos, CommunityDirectory directory, IActorRef linkProber) =>
        Akka.Actor.Props.Create(() => new ReplicaAuditor(options, store, photos, directory, linkProber));

    protected override void PreStart() =>
        Timers.StartPeriodicTimer(AuditTick.Instance, AuditTick.Instance, TimeSpan.FromSeconds(2), _options.AuditInterval);

    private async Task Fill(FillReplica fill, int attempt)
    {
        _handedOver[fill.PhotoId] = DateTimeOffset.UtcNow;

        // The local replica may not have the manifest that names this node yet: use the sender's.
        var local = await _manifests.GetAsync(fill.PhotoId);
        var manifest = local is not null && Names(local) ? local : fill.Manifest;
        if (manifest is null or { IsDeleted: true } || !Names(manifest))
            return;

        var outcome = await PullOrTimeOut(manifest);
        if (outcome == PullOutcome.Complete)
            _photos.Tell(new ReplicaCompleted(fill.PhotoId, _options.NodeId));
        else if (outcome == PullOutcome.NoRoom)
            Decline(manifest);
        else if (attempt < MaxFillAttempts)
            Timers.StartSingleTimer($"fill-{fill.PhotoId}", new RetryFill(fill, attempt + 1), RetryFillAfter);
        else
            _log.Warning("Photo {PhotoId}: fill failed {Attempts} times; the audit takes it over once it is stalled",
                fill.PhotoId, attempt);
    }

    /// <summary>Hands a copy this node was asked to fill back to the photo's entity: no room here.</summary>
    private void Decline(PhotoManifest manifest)
    {
        if (!manifest.IsPendingOn(_options.NodeId) || manifest.IsHeldBy(_options.NodeId))
            return;

        _log.Warning("Photo {PhotoId}: no room for {Size} bytes within this node's quota; declining the copy",
            manifest.PhotoId, manifest.Size);
        _photos.Tell(new FillDeclined(manifest.PhotoId, _options.NodeId, "storage quota reached"));
    }

    private bool Names(PhotoManifest manifest) => manifest.IsHeldBy(_options.NodeId) || manifest.IsPendingOn(_options.NodeId);

    /// <summary>A fill whose local ask timed out (a starved box) is a failed attempt, tried again.</summary>
    private async Task<PullOutcome> PullOrTimeOut(PhotoManifest manifest)
    {
        try
        {
            return await PullMissing(manifest);
        }
        catch (AskTimeoutException e)
        {
            _log.Warning("Photo {PhotoId}: fill interrupted, a local ask timed out ({Reason})", manifest.PhotoId, e.Message);
            return PullOutcome.Failed;
        }
    }

    /// <summary>Pulls what this node lacks of a photo.</summary>
    private async Task<PullOutcome> PullMissing(PhotoManifest manifest)
    {
        var held = (await _store.Ask<ChunksHeld>(new CheckChunks([.. manifest.Chunks.Select(c => c.Id)]), AskTimeout)).ChunkIds.ToHashSet();
        var missing = manifest.Chunks.Where(c => !held.Contains(c.Id)).ToList();
        if (missing.Count == 0)
            return PullOutcome.Complete;

        var sources = await RankSources(manifest, await _nodes.SnapshotAsync());
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (sources.Count == 0 && waiting.Elapsed < SourcesSettleWithin)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            sources = await RankSources(manifest, await _nodes.SnapshotAsync());
        }

        foreach (var chunk in missing)
        {
            var outcome = await PullChunk(manifest.PhotoId, chunk, sources);
            if (outcome != PullOutcome.Complete)
                return outcome;
        }

        _log.Info("Photo {PhotoId}: pulled {Count} chunks to node {NodeId}", manifest.PhotoId, missing.Count, _options.NodeId);
        return PullOutcome.Complete;
    }

    /// <summary>The live holders, best first, each with its link's measured throughput (null: unmeasured).</summary>
    private async Task<IReadOnlyList<(StorageNode Node, double? BytesPerSecond)>> RankSources(
        PhotoManifest manifest, IReadOnlyDictionary<string, StorageNode> nodes)
    {
        var holders = manifest.Replicas.Where(r => r != _options.NodeId && nodes.TryGetValue(r, out var n) && n.IsLive)
            .Select(r => nodes[r]).ToDictionary(n => n.Address.ToString());
        var ranked = await _directory.RankAsync(Core.Settings.ServiceRole.Photos, ChunkLayout.ChunkSize, CancellationToken.None);
        var links = (await _directory.LinksAsync(CancellationToken.None)).Rows[0].Links.ToDictionary(l => l.To);
        return [.. ranked.Where(r => holders.ContainsKey(r.Address)).Select(r =>
            (holders[r.Address], links.TryGetValue(r.Address, out var link) ? link.BytesPerSecond() : null))];
    }

    private async Task<PullOutcome> PullChunk(
        string photoId, ChunkRef chunk, IReadOnlyList<(StorageNode Node, double? BytesPerSecond)> sources)
    {
        foreach (var (source, bytesPerSecond) in sources)
        {
            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var bytes = await ChunkTransfer.FetchAsync(
                    source.StoreOf(Context.System), chunk, bytesPerSecond, CancellationToken.None);
                _linkProber.Tell(new RecordTransfer(source.Address, bytes.Length, clock.Elapsed));
                var written = await _store.Ask<ChunkWritten>(new WriteChunk(chunk.Id, bytes), AskTimeout);
                if (written.Fault == ChunkFault.QuotaExceeded)
                    return PullOutcome.NoRoom;

                if (written.Fault != ChunkFault.None)
                {
                    _log.Warning("Photo {PhotoId}: cannot write chunk {ChunkId} here: {Fault}", photoId, chunk.Id, written.Fault);
                    return PullOutcome.Failed;
                }

                await _pacer.Spend(bytes.Length);
                return PullOutcome.Complete;
            }
            catch (ChunkTransferException e)
            {
                _log.Warning("Photo {PhotoId}: chunk {ChunkId} from {Source} failed: {Reason}", photoId, chunk.Id, source.HomeId, e.Reason);
            }
        }

        _log.Warning("Photo {PhotoId}: no live replica could give chunk {ChunkId}", photoId, chunk.Id);
        return PullOutcome.Failed;
    }

    private async Task Audit()
    {
        var manifests = await _manifests.AllAsync();
        var mine = manifests.Where(m => m.IsHeldBy(_options.NodeId) || m.IsPendingOn(_options.NodeId)).ToList();
        var held = (await _store.Ask<ChunkList>(ListChunks.Instance, AskTimeout)).ChunkIds.ToHashSet(StringComparer.Ordinal);

        // One listing of the disk, then only photos that lack something cost a round of pulls; a
        // fresh fill is left to whoever started it (FreshFills says which).
        var now = DateTimeOffset.UtcNow;
        foreach (var (photoId, _) in _handedOver.Where(h => now - h.Value > PhotoEntity.StalledFillAfter).ToList())
            _handedOver.Remove(photoId);

        foreach (var manifest in mine.Where(m => !m.IsDeleted))
        {
            var whole = manifest.Chunks.All(c => held.Contains(c.Id));
            var freshFill = FreshFills.IsLeftToItsStarter(manifest, _options.NodeId, now, _startedAt,
                _handedOver.ContainsKey(manifest.PhotoId));
            var outcome = whole ? PullOutcome.Complete : freshFill ? PullOutcome.Failed : await PullMissing(manifest);
            if (outcome == PullOutcome.Complete && manifest.IsPendingOn(_options.NodeId))
                _photos.Tell(new ReplicaCompleted(manifest.PhotoId, _options.NodeId));
            else if (outcome == PullOutcome.NoRoom)
                Decline(manifest);
        }

        await Scrub(mine.Where(m => !m.IsDeleted).SelectMany(m => m.Chunks).Select(c => c.Id).Distinct().ToList());
        await Cleanup(manifests, mine);
    }

    private async Task Scrub(IReadOnlyList<string> chunkIds)
    {
        if (chunkIds.Count == 0)
            return;

        for (var i = 0; i < Math.Min(_options.ScrubChunksPerPass, chunkIds.Count); i++)
        {
            var id = chunkIds[_scrubCursor++ % chunkIds.Count];
            var verified = await _store.Ask<ChunkVerified>(new VerifyChunk(id), AskTimeout);
            if (verified.Fault == ChunkFault.Corrupt)
                Self.Tell(AuditNow.Instance); // the next pass pulls it again from another replica
        }
    }

    private async Task Cleanup(IReadOnlyList<PhotoManifest> all, IReadOnlyList<PhotoManifest> mine)
    {
        var now = DateTimeOffset.UtcNow;
        var keep = all.Where(m => !m.IsDeleted || now - m.DeletedAt < _options.Policy.DeleteGrace)
            .Where(m => m.IsHeldBy(_options.NodeId) || m.IsPendingOn(_options.NodeId))
            .SelectMany(m => m.Chunks).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

        var expired = mine.Where(m => m.IsDeleted && now - m.DeletedAt >= _options.Policy.DeleteGrace)
            .SelectMany(m => m.Chunks).Select(c => c.Id).Where(id => !keep.Contains(id)).Distinct().ToList();
        if (expired.Count > 0)
        {
            var deleted = await _store.Ask<ChunksDeleted>(new DeleteChunks(expired), AskTimeout);
            _log.Info("Freed {Count} chunks ({Bytes} bytes) of deleted photos", deleted.Count, deleted.FreedBytes);
        }

        var orphans = await _store.Ask<ChunksDeleted>(new DeleteOrphans(keep, (now - _options.OrphanGrace).UtcDateTime), AskTimeout);
        if (orphans.Count > 0)
            _log.Info("Freed {Count} orphan chunks ({Bytes} bytes) that no photo on this node references", orphans.Count, orphans.FreedBytes);
    }

    /// <summary>Builds the auditor with the node's registered store, photo region and discovery.</summary>
    public static Props FromRegistry(PhotoHubOptions options, ActorSystem system, IActorRegistry registry) =>
        Props(options, registry.Get<ChunkStoreActor>(), registry.Get<PhotoEntity>(),
            new CommunityDirectory(system, registry.Get<LinkProber>()), registry.Get<LinkProber>());
}

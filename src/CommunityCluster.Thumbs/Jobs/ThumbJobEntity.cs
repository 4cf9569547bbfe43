using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Hosting;
using CommunityCluster.Discovery;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Thumbs.Records;
using CommunityCluster.Thumbs.Routing;

namespace CommunityCluster.Thumbs.Jobs;

/// <summary>
/// The sharded owner of one photo's thumbnail job (entity id = photo id), and the only writer of
/// its <see cref="ThumbnailRecord"/>, so an attempt is assigned and settled once:
/// <code>
///   (no record) --Queue--> pending #1 on W --JobFinished(ready | no-preview)--> settled (passivates)
///                            |     ^
///                            |     +-- JobFinished(failed), W removed from the cluster, or W silent
///                            |         for StalledAfter: pending #n+1 on another worker
///                            +-- after MaxAttempts: failed (the sweeper queues it again later)
/// </code>
/// A result carries its attempt number; one from an older attempt (a worker that was frozen, then
/// woke up) is acknowledged as not accepted and changes nothing. Blobs are content-addressed, so a
/// late duplicate store costs disk for a moment, never a wrong picture. Without remember-entities
/// an entity lost with its node comes back when the sweeper or a worker's report reaches it.
/// </summary>
public sealed class ThumbJobEntity : ReceiveActor, IWithTimers
{
    public const string TypeName = "thumb-job";

    private const string WaitingForPhoto = "waiting-for-photo";

    /// <summary>An assignment no worker acknowledged within this time is sent again.</summary>
    private static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(4);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _photoId;
    private readonly ThumbHubOptions _options;
    private readonly ThumbnailRecords _records = new(Context.System);
    private readonly ManifestDirectory _manifests = new(Context.System);
    private readonly ThumbRouter _router;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly HashSet<string> _excluded = new(StringComparer.Ordinal);
    private ThumbnailRecord? _record;
    private DateTimeOffset _lastHeard = DateTimeOffset.MinValue;

    public ThumbJobEntity(string photoId, ThumbHubOptions options)
    {
        _photoId = photoId;
        _options = options;
        _router = new ThumbRouter(Context.System, ActorRegistry.For(Context.System).Get<LinkProber>(), options.Routing);

        ReceiveAsync<QueueThumbnails>(Queue);
        ReceiveAsync<ResumeJob>(_ => Check(force: false));
        ReceiveAsync<CheckTick>(_ => Check(force: false));
        ReceiveAsync<JobProgress>(Progress);
        ReceiveAsync<JobFinished>(Finished);
        ReceiveAsync<ForgetThumbnails>(_ => Forget());
        Receive<ReceiveTimeout>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string photoId, ThumbHubOptions options) =>
        Akka.Actor.Props.Create(() => new ThumbJobEntity(photoId, options));

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(CheckTick.Instance, CheckTick.Instance, TimeSpan.FromSeconds(2));
        Context.SetReceiveTimeout(TimeSpan.FromMinutes(2));
    }

    private async Task<ThumbnailRecord?> Current() => _record ??= await _records.GetAsync(_photoId);

    private async Task Queue(QueueThumbnails queue)
    {
        var sender = Sender;
        var record = await Current();
        if (record is null || (record.State == ThumbnailState.Failed && !WorkerIsBusy(record)))
            record = await Assign(record ?? ThumbnailRecord.Queued(_photoId, DateTimeOffset.UtcNow), queue.Worker,
                queue.Route);

        sender.Tell(new ThumbnailsQueued(_photoId, record));
    }

    private bool WorkerIsBusy(ThumbnailRecord record) =>
        record.State == ThumbnailState.Pending && WorkerIsUp(record.Worker);

    /// <summary>Gives the job to the preferred worker when it is Up, else to the router's choice, as a new
    /// attempt.</summary>
    private async Task<ThumbnailRecord> Assign(ThumbnailRecord record, string? preferred, string? route)
    {
        // The manifest is written to a majority; this node may be the one that hears of it a moment later.
        var manifest = await _manifests.GetAsync(_photoId);
        if (manifest is null && record.Reason == WaitingForPhoto)
            return record;

        if (manifest is null)
        {
            return await Save(record with
            {
                State = ThumbnailState.Pending,
                Worker = null,
                Stage = "queued",
                Reason = WaitingForPhoto,
                Detail = "the photo's manifest has not reached this node yet",
            });
        }

        if (manifest.IsDeleted)
        {
            return await Save(record with
            {
                State = ThumbnailState.Failed,
                Reason = "photo-missing",
                Detail = "the photo was deleted",
            });
        }

        var worker = preferred is not null && WorkerIsUp(preferred) && !_excluded.Contains(preferred) ? preferred : null;
        if (worker is null)
        {
            var decision = await _router.ChooseAsync(manifest, _excluded);
            decision ??= await _router.ChooseAsync(manifest, []); // every worker failed it once: try the best again
            worker = decision?.Address;
            route = decision is null ? null : $"{decision.Mode}: {decision.Reason}";
        }

        if (worker is null)
        {
            _log.Warning("Photo {PhotoId}: no thumbs node is reachable; the job waits", _photoId);
            return await Save(record with
            {
                State = ThumbnailState.Pending,
                Worker = null,
                Stage = "queued",
                Reason = "no-worker",
                Detail = "no thumbs node is reachable"
            });
        }

        var attempt = record.Attempt + 1;
        var assigned = await Save(record with
        {
            State = ThumbnailState.Pending,
            Worker = worker,
            WorkerHome = null,
            Attempt = attempt,
            Stage = "queued",
            Progress = 0,
            Reason = null,
            Detail = null,
            Route = route,
        });
        Context.ActorSelection(ThumbWorker.PathOn(worker)).Tell(new RenderThumbnails(_photoId, attempt));
        _log.Info("Photo {PhotoId}: thumbnails attempt {Attempt} on {Worker} ({Route})", _photoId, attempt, worker,
            route);
        return assigned;
    }

    /// <summary>Reassigns a pending job whose worker left the cluster or went silent; retries a failed one when
    /// forced.</summary>
    private async Task Check(bool force)
    {
        var record = await Current();
        if (record is null)
        {
            await Assign(ThumbnailRecord.Queued(_photoId, DateTimeOffset.UtcNow), null, null);
            return;
        }

        if (record.IsSettled)
            return;

        var lastNews = record.UpdatedAt > _lastHeard ? record.UpdatedAt : _lastHeard;
        var silent = DateTimeOffset.UtcNow - lastNews > _options.StalledAfter;
        var gone = record.Worker is null || !WorkerIsUp(record.Worker);
        if (record.State == ThumbnailState.Failed && !force && !silent)
            return;

        if (record.State == ThumbnailState.Pending && !gone && !silent)
        {
            // Sent but not yet taken (the worker acknowledges with progress 1): send again; a
            // worker ignores a job it already holds.
            if (record.Progress == 0 && record.Worker is { } worker
                && DateTimeOffset.UtcNow - record.UpdatedAt > ResendAfter)
                Context.ActorSelection(ThumbWorker.PathOn(worker)).Tell(new RenderThumbnails(_photoId, record.Attempt));
            return;
        }

        if (record.Worker is not null && record.State == ThumbnailState.Pending)
        {
            _excluded.Add(record.Worker);
            _log.Warning("Photo {PhotoId}: worker {Worker} {Why}; moving attempt {Attempt} on", _photoId, record.Worker,
                gone ? "is no longer up" : $"sent nothing for {_options.StalledAfter.TotalSeconds:0} s", record.Attempt);
        }

        await Assign(record, null, null);
    }

    private async Task Progress(JobProgress progress)
    {
        var record = await Current();
        if (record is null || record.IsSettled || progress.Attempt != record.Attempt)
            return;

        // A heartbeat is remembered here; only a new stage is written (and gossiped to every node).
        _lastHeard = DateTimeOffset.UtcNow;
        if ((record.Stage, record.Progress, record.WorkerHome) != (progress.Stage, progress.Percent, progress.Worker))
            await Save(record with
            {
                Stage = progress.Stage,
                Progress = progress.Percent,
                WorkerHome = progress.Worker
            });
    }

    private async Task Finished(JobFinished finished)
    {
        var sender = Sender;
        var record = await Current();
        if (record is null || record.IsSettled || finished.Attempt != record.Attempt)
        {
            sender.Tell(new JobFinishedAck(_photoId, finished.Attempt, Accepted: false));
            return;
        }

        sender.Tell(new JobFinishedAck(_photoId, finished.Attempt, Accepted: true));
        if (finished.State == ThumbnailState.Failed)
        {
            _excluded.Add(finished.Worker);
            _log.Warning("Photo {PhotoId}: attempt {Attempt} on {Worker} failed: {Reason} {Detail}", _photoId,
                finished.Attempt,
                finished.Worker, finished.Reason, finished.Detail);
            var failed = record with { Reason = finished.Reason, Detail = finished.Detail };
            if (record.Attempt >= _options.MaxAttempts)
                await Save(failed with { State = ThumbnailState.Failed, Stage = "failed" });
            else
                await Assign(failed, null, null);
            return;
        }

        await Settle(record with
        {
            State = finished.State,
            Reason = finished.Reason,
            Detail = finished.Detail,
            Small = finished.Small,
            Large = finished.Large,
            Stage = "done",
            Progress = 100,
            SettledAt = DateTimeOffset.UtcNow,
            Timings = finished.Timings,
        });
        _log.Info("Photo {PhotoId}: thumbnails {State} by {Worker} in {ElapsedMs} ms (attempt {Attempt})", _photoId,
            finished.State,
            finished.Worker, Math.Round(finished.ElapsedMs), finished.Attempt);
    }

    /// <summary>
    /// The one place where a photo's thumbnails become ready or no-preview; the catalog hears of it
    /// through <see cref="ThumbnailsChanged"/>, published by <see cref="Save"/>.
    /// </summary>
    private async Task Settle(ThumbnailRecord settled)
    {
        await Save(settled);
        Context.SetReceiveTimeout(TimeSpan.FromSeconds(30));
    }

    /// <summary>The photo was deleted: its renditions go too (PhotoHub frees their chunks after its grace).</summary>
    private async Task Forget()
    {
        var record = await Current();
        var photos = ActorRegistry.For(Context.System).Get<Photos.Entity.PhotoEntity>();
        foreach (var blob in new[] { record?.Small, record?.Large }.OfType<ThumbnailBlob>())
            photos.Tell(new Photos.Entity.DeletePhoto(blob.BlobId));

        _record = null;
        await _records.RemoveAsync(_photoId);
        Context.Parent.Tell(new Passivate(PoisonPill.Instance));
    }

    private async Task<ThumbnailRecord> Save(ThumbnailRecord record)
    {
        var before = _record is null ? null : ThumbnailsChanged.Of(_record);
        _record = record with { UpdatedAt = DateTimeOffset.UtcNow };

        // Heartbeats and progress save too; the catalog only cares when the state or the renditions change.
        var after = ThumbnailsChanged.Of(_record);
        if (after != before)
            Context.System.EventStream.Publish(after);

        if (!await _records.PutAsync(_record))
            _log.Warning("Photo {PhotoId}: the thumbnail record could not be written locally", _photoId);
        return _record;
    }

    private bool WorkerIsUp(string? address) =>
        address is not null && _cluster.State.Members.Any(m => m.Status == MemberStatus.Up
            && m.Address.ToString() == address);

    /// <summary>Routes job commands to entities by photo id over 100 shards.</summary>
    public sealed class MessageExtractor() : HashCodeMessageExtractor(100)
    {
        public override string? EntityId(object message) => (message as IThumbJobCommand)?.PhotoId;
    }

    private sealed class CheckTick : INotInfluenceReceiveTimeout
    {
        public static readonly CheckTick Instance = new();
    }
}

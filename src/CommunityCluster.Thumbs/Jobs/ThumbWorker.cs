using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Photos.Read;
using CommunityCluster.Photos.Upload;
using CommunityCluster.Thumbs.Records;
using CommunityCluster.Thumbs.Rendering;
using CommunityCluster.Thumbs.Routing;

namespace CommunityCluster.Thumbs.Jobs;

/// <summary>
/// A thumbs node's worker, at <see cref="Path"/>: takes jobs from job entities, runs them one at a
/// time (a job is one core's work), and publishes its queue and measured speed for every router.
/// A job: fetch the original (from this node's own chunk store when it holds a replica: no
/// transfer), render it in the node's render process (<see cref="RenderProcess"/>: libvips never
/// runs inside the node, so a decoder crash or runaway costs that process, not the node), store both renditions
/// through PhotoHub with their own
/// replication factor, and report to the entity, which alone decides whether the result counts.
/// Progress goes to the entity at every stage and every few seconds, so a silent worker is known
/// to be gone.
/// </summary>
public sealed class ThumbWorker : ReceiveActor, IWithTimers
{
    public const string Name = "thumbs-worker";
    public const string Path = "/user/" + Name;

    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(10);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ThumbHubOptions _options;
    private readonly IActorRef _jobs;
    private readonly PhotoReader _reader;
    private readonly PhotoUploader _uploader;
    private readonly ManifestDirectory _manifests = new(Context.System);
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly Queue<RenderThumbnails> _queue = new();
    private readonly string _self;
    private readonly RenderProcess _renderer;
    private RunningJob? _running;
    private JobTimes _times = JobTimes.None;
    private bool _statusChanged = true;
    private int _ticks;

    public ThumbWorker(ThumbHubOptions options, IActorRef jobs, PhotoReader reader, PhotoUploader uploader)
    {
        _options = options;
        _jobs = jobs;
        _reader = reader;
        _uploader = uploader;
        _self = _cluster.SelfAddress.ToString();
        _renderer = options.Renderer?.Invoke() ?? RenderProcess.OfThisExecutable(options.TempFolder);

        Receive<RenderThumbnails>(Enqueue);
        Receive<JobDone>(Done);
        Receive<HeartbeatTick>(_ => Heartbeat());
        Receive<UpdateSuccess>(_ => { });
        Receive<IUpdateFailure>(f => _log.Warning("Publishing the thumbs worker status failed: {Failure}", f));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PathOn(string address) => address + Path;

    public static Props Props(ThumbHubOptions options, IActorRef jobs, PhotoReader reader, PhotoUploader uploader) =>
        Akka.Actor.Props.Create(() => new ThumbWorker(options, jobs, reader, uploader));

    protected override void PreStart()
    {
        Directory.CreateDirectory(_options.TempFolder);
        foreach (var leftover in Directory.GetFiles(_options.TempFolder))
            File.Delete(leftover);

        Timers.StartPeriodicTimer(HeartbeatTick.Instance, HeartbeatTick.Instance, TimeSpan.FromSeconds(1));
        _log.Info("Thumbs worker ready: pixel limit {MaxPixels}, routing {Routing}", _options.Limits.MaxPixels,
            _options.Routing.Name());
    }

    protected override void PostStop() => _renderer.Dispose();

    private void Enqueue(RenderThumbnails job)
    {
        if (_running?.Job == job || _queue.Contains(job))
            return;

        _queue.Enqueue(job);
        _statusChanged = true;
        _jobs.Tell(new JobProgress(job.PhotoId, job.Attempt, "queued", 1,
            _options.HomeId)); // taken: the entity stops resending
        StartNext();
    }

    private void StartNext()
    {
        if (_running is not null || !_queue.TryDequeue(out var job))
            return;

        var running = new RunningJob(job);
        _running = running;
        _statusChanged = true;
        var self = Self;
        Task.Run(() => Run(running)).PipeTo(self, success: r => new JobDone(running, r),
            failure: e => new JobDone(running, Failed(running, "worker-error", e.GetBaseException().Message)));
    }

    private void Done(JobDone done)
    {
        _running = null;
        if (done.Result.State != ThumbnailState.Failed)
            _times = _times.With(done.Running.Clock.Elapsed, done.Running.PhotoBytes,
                (done.Result.Small?.Bytes ?? 0) + (done.Result.Large?.Bytes ?? 0));

        _statusChanged = true;
        Report(done.Result);
        StartNext();
    }

    private void Heartbeat()
    {
        // Every 5 s each job here says it is alive, the running one and those waiting behind it, so
        // that no entity takes a long queue for a dead worker.
        if (++_ticks % 5 == 0)
        {
            if (_running is { } running)
                _jobs.Tell(new JobProgress(running.Job.PhotoId, running.Job.Attempt, running.Stage, running.Percent,
                    _options.HomeId));
            foreach (var waiting in _queue)
                _jobs.Tell(new JobProgress(waiting.PhotoId, waiting.Attempt, "queued", 1, _options.HomeId));
        }

        if (_statusChanged)
            PublishStatus();
    }

    /// <summary>Sends the result until the entity acknowledges it (it may be moving with its shard).</summary>
    private void Report(JobFinished result)
    {
        var jobs = _jobs;
        var log = _log;
        _ = Task.Run(async () =>
        {
            for (var attempt = 1; attempt <= 6; attempt++)
            {
                try
                {
                    var ack = await jobs.Ask<JobFinishedAck>(result, AckTimeout);
                    if (!ack.Accepted)
                        log.Info("Photo {PhotoId}: attempt {Attempt} finished after the job had moved on; result ignored", result.PhotoId, result.Attempt);
                    return;
                }
                catch (AskTimeoutException)
                {
                    log.Warning("Photo {PhotoId}: the job entity did not acknowledge the result (try {Try})",
                        result.PhotoId, attempt);
                }
            }
        });
    }

    private void PublishStatus()
    {
        _statusChanged = false;
        var status = new WorkerStatus(_self, _options.NodeId, _options.HomeId,
            _queue.Count + (_running is null ? 0 : 1), _times.MsPerJob,
            _times.MsPerMegabyte, _times.ResultBytes, _times.Jobs, DateTimeOffset.UtcNow);
        _replicator.Tell(Dsl.Update(ThumbnailKeys.Workers, LWWDictionary<string, WorkerStatus>.Empty,
            WriteLocal.Instance,
            workers => workers.SetItem(_cluster, _self, status)));
    }

    /// <summary>One job, off the actor's thread: fetch, render, store. Never throws for a bad file.</summary>
    private async Task<JobFinished> Run(RunningJob running)
    {
        var photoId = running.Job.PhotoId;
        var source = System.IO.Path.Combine(_options.TempFolder, $"{photoId}.{running.Job.Attempt}.source");
        try
        {
            var manifest = await ManifestEventually(photoId);
            if (manifest is null or { IsDeleted: true })
                return Failed(running, "photo-missing", "the photo is not stored (or was deleted)");

            running.PhotoBytes = manifest.Size;
            Step(running, "fetching", 10);
            await using (var file = new FileStream(source, FileMode.Create, FileAccess.Write, FileShare.None))
                await _reader.CopyToAsync(manifest, file, CancellationToken.None);

            Step(running, "rendering", 40);
            var outcome = await _renderer.RenderAsync(source, _options.Limits);
            if (outcome is RenderOutcome.NoPreview none)
            {
                var state = none.Reason.MayDifferElsewhere() ? ThumbnailState.Failed : ThumbnailState.NoPreview;
                return Result(running, state, none.Reason.Code(), none.Detail, null, null);
            }

            var rendered = (RenderOutcome.Rendered)outcome;
            Step(running, "storing", 80);
            // Both at once: each store is a few round trips to the blob's entity and its targets.
            var small = Store(photoId, rendered.Small);
            var large = Store(photoId, rendered.Large);
            return Result(running, ThumbnailState.Ready, null, rendered.Notes.Count > 0 ? string.Join("; ",
                rendered.Notes) : null,
                await small, await large);
        }
        catch (Exception e) when (e is PhotoUnavailableException or StorageUnavailableException or IOException or AskTimeoutException)
        {
            return Failed(running, "worker-error", e.Message);
        }
        finally
        {
            File.Delete(source);
        }
    }

    /// <summary>The photo's manifest, waiting up to 5 s for gossip to bring it to this node.</summary>
    private async Task<Core.Storage.PhotoManifest?> ManifestEventually(string photoId)
    {
        for (var i = 0; ; i++)
        {
            var manifest = await _manifests.GetAsync(photoId);
            if (manifest is not null || i == 10)
                return manifest;

            await Task.Delay(500);
        }
    }

    private async Task<ThumbnailBlob> Store(string photoId, RenderedThumbnail rendition)
    {
        using var bytes = new MemoryStream(rendition.Bytes, writable: false);
        var received = await UploadReceiver.ReceiveAsync(bytes, $"{photoId}.{rendition.Kind.Name()}",
            _options.TempFolder, long.MaxValue,
            CancellationToken.None);
        var stored = await _uploader.StoreAsync(received with { ContentType = rendition.ContentType },
            new DerivedBlob(photoId, _options.BlobReplicationFactor), CancellationToken.None);
        return new ThumbnailBlob(stored.PhotoId, rendition.ContentType, rendition.Width, rendition.Height,
            rendition.Bytes.Length);
    }

    private void Step(RunningJob running, string stage, int percent)
    {
        running.Stage = stage;
        running.Percent = percent;
        _jobs.Tell(new JobProgress(running.Job.PhotoId, running.Job.Attempt, stage, percent, _options.HomeId));
    }

    private JobFinished Result(RunningJob running, string state, string? reason, string? detail, ThumbnailBlob? small,
        ThumbnailBlob? large) =>
        new(running.Job.PhotoId, running.Job.Attempt, _self, state, reason, detail, small, large,
            running.Clock.Elapsed.TotalMilliseconds);

    private JobFinished Failed(RunningJob running, string reason, string detail) =>
        Result(running, ThumbnailState.Failed, reason, detail, null, null);

    private sealed class RunningJob(RenderThumbnails job)
    {
        public RenderThumbnails Job { get; } = job;

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        public long PhotoBytes { get; set; }

        public volatile string Stage = "queued";

        public volatile int Percent;
    }

    private sealed record JobDone(RunningJob Running, JobFinished Result);

    private sealed class HeartbeatTick
    {
        public static readonly HeartbeatTick Instance = new();
    }
}

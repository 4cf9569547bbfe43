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
/// A thumbs node's worker, at <see cref="Path"/>: takes jobs from job entities and publishes its
/// queue and measured speed for every router. A job: fetch the original (from this node's own
/// chunk store when it holds a replica: no transfer), render it in the node's render process
/// (<see cref="RenderProcess"/>: libvips never runs inside the node, so a decoder crash or runaway
/// costs that process, not the node), store both renditions through PhotoHub with their own
/// replication factor, and report to the entity, which alone decides whether the result counts.
/// <para>
/// Only rendering is one job at a time (a job is one core's work). Fetching and storing wait on
/// links, not on the CPU, so they overlap with other jobs' rendering: on a home behind an ADSL
/// uplink, or when a rendition's entity sits behind one, storing takes seconds, and the router
/// benchmark showed jobs waiting behind other jobs' stores more than they rendered. Slots bound
/// what a queue may hold: <see cref="FetchedAhead"/> originals on disk ahead of the renderer,
/// <see cref="RenderedAhead"/> jobs' renditions in memory waiting to be stored.
/// </para>
/// Progress goes to the entity at every stage and every few seconds, so a silent worker is known
/// to be gone.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001",
    Justification = "The slots are never disposed: a job still running when the actor stops releases them after "
        + "PostStop, and a SemaphoreSlim whose wait handle is never asked for holds nothing to free.")]
public sealed class ThumbWorker : ReceiveActor, IWithTimers
{
    public const string Name = "thumbs-worker";
    public const string Path = "/user/" + Name;

    /// <summary>Originals fetched or being fetched ahead of the renderer (temporary files on disk).</summary>
    public const int FetchedAhead = 2;

    /// <summary>Rendered jobs whose renditions are held until stored; the renderer waits when this many are.</summary>
    public const int RenderedAhead = 8;

    /// <summary>Stores running at once: each is a few round trips and one or two pushes.</summary>
    public const int StoresAtOnce = 4;

    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(10);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ThumbHubOptions _options;
    private readonly IActorRef _jobs;
    private readonly PhotoReader _reader;
    private readonly PhotoUploader _uploader;
    private readonly ManifestDirectory _manifests = new(Context.System);
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly Dictionary<RenderThumbnails, WorkerJob> _inFlight = [];
    private readonly SemaphoreSlim _fetchedAhead = new(FetchedAhead);
    private readonly SemaphoreSlim _renderedAhead = new(RenderedAhead);
    private readonly SemaphoreSlim _renderer = new(1);
    private readonly SemaphoreSlim _stores = new(StoresAtOnce);
    private readonly string _self;
    private readonly RenderProcess _renderProcess;
    private JobTimes _times = JobTimes.None;
    private (int Queue, JobTimes Times)? _published;
    private int _ticks;

    public ThumbWorker(ThumbHubOptions options, IActorRef jobs, PhotoReader reader, PhotoUploader uploader)
    {
        _options = options;
        _jobs = jobs;
        _reader = reader;
        _uploader = uploader;
        _self = _cluster.SelfAddress.ToString();
        _renderProcess = options.Renderer?.Invoke() ?? RenderProcess.OfThisExecutable(options.TempFolder);

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

    protected override void PostStop() => _renderProcess.Dispose();

    /// <summary>Jobs that will hold the renderer before a job sent now: what a router multiplies by the render
    /// time.</summary>
    private int QueueLength => _inFlight.Values.Count(j => !j.HasRendered);

    private void Enqueue(RenderThumbnails job)
    {
        if (_inFlight.ContainsKey(job))
            return;

        var running = new WorkerJob(job);
        _inFlight[job] = running;
        _jobs.Tell(new JobProgress(job.PhotoId, job.Attempt, "queued", 1,
            _options.HomeId)); // taken: the entity stops resending

        // At once, not at the next heartbeat: other nodes' routers choose by this queue.
        PublishIfChanged();
        var self = Self;
        Task.Run(() => Run(running)).PipeTo(self, success: r => new JobDone(running, r),
            failure: e => new JobDone(running, Failed(running, "worker-error", e.GetBaseException().Message)));
    }

    private void Done(JobDone done)
    {
        _inFlight.Remove(done.Running.Job);
        // Only a rendered and stored job measures the renderer and the store: a refused or failed one did neither.
        if (done.Result.State == ThumbnailState.Ready && done.Result.Timings is { } timings)
            _times = _times.With(TimeSpan.FromMilliseconds(timings.RenderMs), done.Running.PhotoBytes,
                (done.Result.Small?.Bytes ?? 0) + (done.Result.Large?.Bytes ?? 0),
                TimeSpan.FromMilliseconds(timings.StoreMs));

        Report(done.Result);
        PublishIfChanged();
    }

    private void Heartbeat()
    {
        // Every 5 s each job here says it is alive, the running ones and those waiting, so that no
        // entity takes a long queue for a dead worker.
        if (++_ticks % 5 == 0)
        {
            foreach (var running in _inFlight.Values)
                _jobs.Tell(new JobProgress(running.Job.PhotoId, running.Job.Attempt, running.Stage, running.Percent,
                    _options.HomeId));
        }

        // A job leaving the queue for the renderer changes the queue off the actor's thread: seen here.
        PublishIfChanged();
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

    private void PublishIfChanged()
    {
        var now = (QueueLength, _times);
        if (_published == now)
            return;

        _published = now;
        var status = new WorkerStatus(_self, _options.NodeId, _options.HomeId, now.QueueLength, _times.MsPerJob,
            _times.MsPerMegabyte, _times.ResultBytes, _times.Jobs, DateTimeOffset.UtcNow, _times.MsPerStore);
        _replicator.Tell(Dsl.Update(ThumbnailKeys.Workers, LWWDictionary<string, WorkerStatus>.Empty,
            WriteLocal.Instance,
            workers => workers.SetItem(_cluster, _self, status)));
    }

    /// <summary>One job, off the actor's thread: fetch, render, store, each in its slot. Never throws for a bad
    /// file.</summary>
    private async Task<JobFinished> Run(WorkerJob running)
    {
        var photoId = running.Job.PhotoId;
        var source = System.IO.Path.Combine(_options.TempFolder, $"{photoId}.{running.Job.Attempt}.source");
        var fetchedAhead = false;
        var renderedAhead = false;
        try
        {
            await running.Wait(_fetchedAhead);
            fetchedAhead = true;
            var manifest = await ManifestEventually(photoId);
            if (manifest is null or { IsDeleted: true })
                return Failed(running, "photo-missing", "the photo is not stored (or was deleted)");

            running.PhotoBytes = manifest.Size;
            Step(running, "fetching", 10);
            await using (var file = new FileStream(source, FileMode.Create, FileAccess.Write, FileShare.None))
                await _reader.CopyToAsync(manifest, file, CancellationToken.None);
            running.Fetched();

            await running.Wait(_renderedAhead);
            renderedAhead = true;
            var outcome = await Render(running, source, () =>
            {
                _fetchedAhead.Release();
                fetchedAhead = false;
            });
            if (outcome is RenderOutcome.NoPreview none)
            {
                var state = none.Reason.MayDifferElsewhere() ? ThumbnailState.Failed : ThumbnailState.NoPreview;
                return Result(running, state, none.Reason.Code(), none.Detail, null, null);
            }

            var rendered = (RenderOutcome.Rendered)outcome;
            await running.Wait(_stores);
            try
            {
                Step(running, "storing", 80);
                // Both at once: each store is a few round trips to the blob's entity and its targets.
                var small = Store(photoId, rendered.Small);
                var large = Store(photoId, rendered.Large);
                return Result(running, ThumbnailState.Ready, null, rendered.Notes.Count > 0 ? string.Join("; ",
                    rendered.Notes) : null,
                    await small, await large);
            }
            finally
            {
                _stores.Release();
            }
        }
        catch (Exception e) when (e is PhotoUnavailableException or StorageUnavailableException or IOException or AskTimeoutException)
        {
            return Failed(running, "worker-error", e.Message);
        }
        finally
        {
            if (fetchedAhead)
                _fetchedAhead.Release();
            if (renderedAhead)
                _renderedAhead.Release();
            File.Delete(source);
        }
    }

    /// <summary>Renders in the one render slot; once the job holds it, its place among the fetched-ahead is
    /// freed.</summary>
    private async Task<RenderOutcome> Render(WorkerJob running, string source, Action started)
    {
        await running.Wait(_renderer);
        try
        {
            started();
            running.RenderStarted();
            Step(running, "rendering", 40);
            return await _renderProcess.RenderAsync(source, _options.Limits);
        }
        finally
        {
            running.Rendered();
            _renderer.Release();
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

    private void Step(WorkerJob running, string stage, int percent)
    {
        running.Stage = stage;
        running.Percent = percent;
        _jobs.Tell(new JobProgress(running.Job.PhotoId, running.Job.Attempt, stage, percent, _options.HomeId));
    }

    private JobFinished Result(WorkerJob running, string state, string? reason, string? detail, ThumbnailBlob? small,
        ThumbnailBlob? large) =>
        new(running.Job.PhotoId, running.Job.Attempt, _self, state, reason, detail, small, large,
            running.Elapsed.TotalMilliseconds, running.Timings());

    private JobFinished Failed(WorkerJob running, string reason, string detail) =>
        Result(running, ThumbnailState.Failed, reason, detail, null, null);

    private sealed record JobDone(WorkerJob Running, JobFinished Result);

    private sealed class HeartbeatTick
    {
        public static readonly HeartbeatTick Instance = new();
    }
}

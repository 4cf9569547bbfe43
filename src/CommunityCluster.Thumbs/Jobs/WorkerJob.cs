using System.Diagnostics;

namespace CommunityCluster.Thumbs.Jobs;

/// <summary>One job on a <see cref="ThumbWorker"/>: its stage for progress, and where its time went.</summary>
internal sealed class WorkerJob(RenderThumbnails job)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _waited;
    private TimeSpan _fetch;
    private TimeSpan _render;
    private TimeSpan _stageStarted;
    private volatile bool _hasRendered;

    public RenderThumbnails Job { get; } = job;

    public long PhotoBytes { get; set; }

    public volatile string Stage = "queued";

    public volatile int Percent;

    public bool HasRendered => _hasRendered;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Waits for a slot; the wait counts as waiting, and the next stage starts when it ends.</summary>
    public async Task Wait(SemaphoreSlim slot)
    {
        var before = _clock.Elapsed;
        await slot.WaitAsync();
        _waited += _clock.Elapsed - before;
        _stageStarted = _clock.Elapsed;
    }

    public void Fetched() => _fetch = _clock.Elapsed - _stageStarted;

    public void RenderStarted() => _stageStarted = _clock.Elapsed;

    public void Rendered()
    {
        _render = _clock.Elapsed - _stageStarted;
        _hasRendered = true;
    }

    /// <summary>The stages' times; storing is what is left after waiting, fetching and rendering.</summary>
    public JobTimings Timings()
    {
        var store = _hasRendered ? _clock.Elapsed - _waited - _fetch - _render : TimeSpan.Zero;
        return new JobTimings(_waited.TotalMilliseconds, _fetch.TotalMilliseconds, _render.TotalMilliseconds,
            Math.Max(0, store.TotalMilliseconds));
    }
}

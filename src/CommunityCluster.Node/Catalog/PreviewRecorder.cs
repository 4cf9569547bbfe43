using Akka.Actor;
using Akka.Event;
using CommunityCluster.Meta.Catalog;
using CommunityCluster.Meta.Service;
using CommunityCluster.Thumbs.Jobs;
using CommunityCluster.Thumbs.Records;

namespace CommunityCluster.Node.Catalog;

/// <summary>
/// Carries ThumbHub's progress into the catalog: each <see cref="ThumbnailsChanged"/> published on
/// this node becomes the photo's catalog state and thumbnail ids. It lives in the node because it
/// is the one place that knows both services. A photo whose catalog record has not reached this
/// node yet is tried again for a while, since the record and the thumbnails spread on their own.
/// </summary>
public sealed class PreviewRecorder : ReceiveActor, IWithTimers
{
    public const string Name = "preview-recorder";

    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);
    private const int MaxTries = 60;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CatalogDirectory _catalog;

    /// <summary>The latest change of each photo still on its way: an older retry must never overwrite it.</summary>
    private readonly Dictionary<string, ThumbnailsChanged> _latest = new(StringComparer.Ordinal);

    public PreviewRecorder(CatalogDirectory catalog)
    {
        _catalog = catalog;

        Receive<ThumbnailsChanged>(changed =>
        {
            _latest[changed.PhotoId] = changed;
            Record(new Attempt(changed, 1));
        });
        Receive<Attempt>(attempt =>
        {
            if (IsLatest(attempt.Changed))
                Record(attempt);
        });
        Receive<Outcome>(Settle);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(CatalogDirectory catalog) => Akka.Actor.Props.Create(() => new PreviewRecorder(catalog));

    /// <summary>The catalog state a ThumbHub record state stands for.</summary>
    public static Preview PreviewOf(ThumbnailsChanged changed) => changed.State switch
    {
        ThumbnailState.Ready => new Preview(PhotoState.Ready, changed.SmallBlobId, changed.LargeBlobId),
        ThumbnailState.NoPreview => Preview.None,
        ThumbnailState.Failed => new Preview(PhotoState.Failed),
        _ => new Preview(PhotoState.ThumbnailsPending),
    };

    protected override void PreStart() => Context.System.EventStream.Subscribe<ThumbnailsChanged>(Self);

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void Record(Attempt attempt)
    {
        var changed = attempt.Changed;
        _catalog.AskAsync(new SetPreview(changed.PhotoId, PreviewOf(changed)))
            .ContinueWith(task => new Outcome(attempt, task.IsCompletedSuccessfully ? task.Result : null,
                task.Exception?.GetBaseException().Message))
            .PipeTo(Self);
    }

    private bool IsLatest(ThumbnailsChanged changed) =>
        _latest.TryGetValue(changed.PhotoId, out var latest) && latest == changed;

    private void Settle(Outcome outcome)
    {
        var changed = outcome.Attempt.Changed;
        if (!IsLatest(changed))
            return;

        if (outcome.Reply is PhotoFound)
        {
            _latest.Remove(changed.PhotoId);
            _log.Debug("Photo {PhotoId}: catalog state set to {State}", changed.PhotoId, changed.State);
            return;
        }

        if (outcome.Attempt.Try >= MaxTries)
        {
            _latest.Remove(changed.PhotoId);
            _log.Warning("Photo {PhotoId}: the catalog did not take thumbnail state {State} after {Tries} tries ({Reason})",
                changed.PhotoId, changed.State, outcome.Attempt.Try, outcome.Error ?? outcome.Reply?.ToString());
            return;
        }

        Timers.StartSingleTimer($"retry-{changed.PhotoId}", outcome.Attempt with { Try = outcome.Attempt.Try + 1 }, RetryEvery);
    }

    private sealed record Attempt(ThumbnailsChanged Changed, int Try);

    private sealed record Outcome(Attempt Attempt, ICatalogMessage? Reply, string? Error);
}

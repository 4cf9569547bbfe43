using Akka.Actor;
using Akka.Event;
using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Entity;
using CommunityCluster.Photos.Manifests;

namespace CommunityCluster.Photos.Repair;

internal sealed record RebalanceTick
{
    public static readonly RebalanceTick Instance = new();
}

/// <summary>
/// One per community (a cluster singleton on the oldest photos node), with coverage placement
/// only. Every <c>RebalanceInterval</c> it judges every photo with <see cref="RebalancePlanner"/>:
/// a photo whose homes now leave clearly more all-off hours than coverage would choose gets a
/// copy filled on the better home first (<see cref="MoveCopy"/>; the target's auditor pulls it, paced
/// like repair); at a later scan, once that copy is complete, the copy whose loss costs least is
/// dropped (<see cref="DropExtraCopy"/>) and its chunks are freed as orphans on that home. The
/// number of copies never falls below the target. Fills are admitted against a token bucket of
/// <c>RebalanceBytesPerSecond</c> (a photo's size per move), so moves stay a trickle a home's
/// uplink does not notice; a scan stops admitting when the budget is spent, and the next goes on.
/// </summary>
public sealed class Rebalancer : ReceiveActor, IWithTimers
{
    public const string Name = "rebalancer";

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The budget's burst: a minute of it, so a scan can start a few small moves together.</summary>
    private static readonly TimeSpan Burst = TimeSpan.FromMinutes(1);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly PhotoHubOptions _options;
    private readonly IActorRef _photos;
    private readonly ManifestDirectory _manifests = new(Context.System);
    private readonly StorageNodes _nodes = new(Context.System);
    private readonly TokenBucket _budget;

    public Rebalancer(PhotoHubOptions options, IActorRef photos)
    {
        _options = options;
        _photos = photos;
        var rate = options.Policy.RebalanceBytesPerSecond;
        _budget = new TokenBucket(rate, (long)(rate * Burst.TotalSeconds), DateTimeOffset.UtcNow);

        ReceiveAsync<RebalanceTick>(_ => StarvedPass.Run(_log, "Rebalance pass", Scan));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(PhotoHubOptions options, IActorRef photos) =>
        Akka.Actor.Props.Create(() => new Rebalancer(options, photos));

    protected override void PreStart()
    {
        if (_options.Policy.Placement != PlacementMode.Coverage)
            return; // random placement has no better place to move to

        Timers.StartPeriodicTimer(RebalanceTick.Instance, RebalanceTick.Instance, _options.Policy.RebalanceInterval);
    }

    private async Task Scan()
    {
        var view = await RebalanceView.LoadAsync(_nodes, _options.Policy);
        var photos = (await _manifests.AllAsync())
            .Where(m => !m.IsDeleted && m.IsPhoto)
            .OrderBy(m => m.PhotoId, StringComparer.Ordinal)
            .ToList();
        var (started, dropped, waiting) = (0, 0, 0);

        foreach (var manifest in photos)
        {
            var decision = view.Decide(manifest);
            if (decision.Action == RebalanceAction.Drop && await Take(new DropExtraCopy(manifest.PhotoId, decision.NodeId!), decision))
                dropped++;

            if (decision.Action != RebalanceAction.Fill)
                continue;

            if (!_budget.TryTake(manifest.Size, DateTimeOffset.UtcNow))
            {
                waiting++;
                continue;
            }

            if (await Take(new MoveCopy(manifest.PhotoId, decision.NodeId!, decision.Replaces!), decision))
            {
                view.Reserve(decision.NodeId!, manifest.Size);
                started++;
            }
        }

        if (started + dropped + waiting > 0)
            _log.Info("Rebalance scan: {Started} moves started, {Dropped} extra copies dropped, {Waiting} moves "
                + "waiting for the budget of {Rate} bytes/s", started, dropped, waiting, _budget.BytesPerSecond);
    }

    private async Task<bool> Take(IPhotoCommand step, RebalanceDecision decision)
    {
        try
        {
            var taken = await _photos.Ask<RebalanceStepTaken>(step, AskTimeout);
            if (taken.Taken)
                _log.Info("Photo {PhotoId}: {Action} on node {NodeId}: all-off hours a week {Before:0.0} -> {After:0.0}",
                    step.PhotoId, decision.Action, decision.NodeId, decision.HoursNow, decision.HoursAfter);
            else
                _log.Debug("Photo {PhotoId}: {Action} on node {NodeId} not taken: {Why}", step.PhotoId, decision.Action,
                    decision.NodeId, taken.Why);

            return taken.Taken;
        }
        catch (AskTimeoutException)
        {
            _log.Warning("Photo {PhotoId}: {Action} on node {NodeId} timed out; judged again at the next scan",
                step.PhotoId, decision.Action, decision.NodeId);
            return false;
        }
    }
}

using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using CommunityCluster.Core.Settings;
using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Entity;
using CommunityCluster.Photos.Manifests;

namespace CommunityCluster.Photos.Repair;

internal sealed record ScanTick
{
    public static readonly ScanTick Instance = new();
}

/// <summary>
/// One per community (a cluster singleton on the oldest photos node): every few seconds, and at
/// once when a photos node is removed or joins, it compares every manifest with the live nodes
/// and asks the entity of each photo with too few copies that count (live, or on a home away as
/// usual or as announced) or a stalled fill to repair it.
/// At most <see cref="Concurrent"/> photos are handled at once, so a lost home's repair is a
/// steady trickle, not a storm.
/// </summary>
public sealed class ReplicationMonitor : ReceiveActor, IWithTimers
{
    public const string Name = "replication-monitor";
    private const int Concurrent = 8;

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly PhotoHubOptions _options;
    private readonly IActorRef _photos;
    private readonly ManifestDirectory _manifests = new(Context.System);
    private readonly StorageNodes _nodes = new(Context.System);

    public ReplicationMonitor(PhotoHubOptions options, IActorRef photos)
    {
        _options = options;
        _photos = photos;

        ReceiveAsync<ScanTick>(_ => StarvedPass.Run(_log, "Replication scan pass", Scan));
        Receive<ClusterEvent.MemberRemoved>(e => OnMembershipChange(e.Member, "removed"));
        Receive<ClusterEvent.MemberUp>(e => OnMembershipChange(e.Member, "up"));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(PhotoHubOptions options, IActorRef photos) => Akka.Actor.Props.Create(() => new ReplicationMonitor(options, photos));

    protected override void PreStart()
    {
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberRemoved), typeof(ClusterEvent.MemberUp));
        Timers.StartPeriodicTimer(ScanTick.Instance, ScanTick.Instance, _options.RepairScanInterval);
    }

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    private void OnMembershipChange(Member member, string what)
    {
        if (!member.HasRole(ServiceRole.Photos))
            return;

        _log.Info("Photos node {Address} {What}: checking replication", member.Address, what);
        Self.Tell(ScanTick.Instance);
    }

    private async Task Scan()
    {
        var nodes = await _nodes.SnapshotAsync();
        var liveIds = StorageNodes.LiveIds(nodes);
        if (liveIds.Count == 0)
            return;

        var target = Placement.EffectiveReplicas(_options.Policy.ReplicationFactor, liveIds.Count);
        var now = DateTimeOffset.UtcNow;
        var policy = _options.Policy;
        var absences = ReplicaAbsences.Of(await _nodes.WeeksAsync(), policy);
        var needy = (await _manifests.AllAsync())
            .Where(m => !m.IsDeleted)
            .Where(m => RepairPlanner.Plan(m, nodes, liveIds, m.TargetCopies(target), now, PhotoEntity.StalledFillAfter,
                policy.Placement, absences).Changed)
            .Select(m => m.PhotoId)
            .ToList();
        if (needy.Count == 0)
            return;

        _log.Info("{Count} photos need repair (target {Target} copies on {Live} live photos nodes)", needy.Count, target, liveIds.Count);
        await Parallel.ForEachAsync(needy, new ParallelOptions { MaxDegreeOfParallelism = Concurrent }, async (photoId, token) =>
        {
            try
            {
                await _photos.Ask<ReplicationEnsured>(new EnsureReplication(photoId), AskTimeout, token);
            }
            catch (AskTimeoutException)
            {
                _log.Warning("Photo {PhotoId}: repair request timed out; retried at the next scan", photoId);
            }
        });
    }
}

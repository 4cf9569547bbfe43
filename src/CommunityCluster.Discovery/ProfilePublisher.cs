using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;

namespace CommunityCluster.Discovery;

/// <summary>
/// Publishes this node's <see cref="NodeProfile"/> at start and every
/// <see cref="DiscoveryOptions.ProfileInterval"/>, and, while this node is the leader, removes
/// the profiles and link rows of members that left, so the keys hold current members only.
/// </summary>
public sealed class ProfilePublisher : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly ProfileFacts _facts;
    private readonly OnlineHours _onlineHours;
    private readonly TimeSpan _interval;
    private long _lastTick = Stopwatch.GetTimestamp();
    private long _publishedUsedBytes;

    public ProfilePublisher(ProfileFacts facts, DiscoveryOptions options)
    {
        _facts = facts;
        _onlineHours = new OnlineHours(facts.DataDirectory);

        Receive<PublishTick>(_ => Publish());
        Receive<StorageCheckTick>(_ =>
        {
            if ((_facts.Storage?.UsedBytes ?? 0) != _publishedUsedBytes)
                Publish();
        });
        Receive<ClusterEvent.MemberRemoved>(e => ForgetIfLeader(e.Member.Address));
        Receive<UpdateSuccess>(_ => { });
        Receive<IUpdateFailure>(f => _log.Warning("Publishing the profile of {Address} failed: {Failure}", _cluster.SelfAddress, f));
        _interval = options.ProfileInterval;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ProfileFacts facts, DiscoveryOptions options) =>
        Akka.Actor.Props.Create(() => new ProfilePublisher(facts, options));

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));
        Timers.StartPeriodicTimer(PublishTick.Instance, PublishTick.Instance, _interval);

        // Placement reads free space from profiles: a change of use is published within 2 s.
        Timers.StartPeriodicTimer(StorageCheckTick.Instance, StorageCheckTick.Instance, TimeSpan.FromSeconds(2));
        Publish();
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        _onlineHours.Add(Stopwatch.GetElapsedTime(_lastTick));
    }

    private void Publish()
    {
        var now = Stopwatch.GetTimestamp();
        var hours = _onlineHours.Add(Stopwatch.GetElapsedTime(_lastTick, now));
        _lastTick = now;

        var self = _cluster.SelfAddress.ToString();
        _publishedUsedBytes = _facts.Storage?.UsedBytes ?? 0;
        var profile = new NodeProfile(self, _facts.HomeId, _facts.Roles, _facts.StorageQuotaBytes, FreeDiskBytes(),
            Environment.ProcessorCount, _facts.Version, _facts.StartedAt, Math.Round(hours, 3), DateTimeOffset.UtcNow,
            _facts.NodeId, _publishedUsedBytes);

        _replicator.Tell(Dsl.Update(DiscoveryKeys.Profiles, LWWDictionary<string, NodeProfile>.Empty, WriteLocal.Instance,
            profiles => profiles.SetItem(_cluster, self, profile)));
    }

    private void ForgetIfLeader(Address removed)
    {
        if (_cluster.State.Leader != _cluster.SelfAddress)
            return;

        var key = removed.ToString();
        _log.Info("Forgetting the profile and link row of removed member {Address}", key);
        _replicator.Tell(Dsl.Update(DiscoveryKeys.Profiles, LWWDictionary<string, NodeProfile>.Empty, WriteLocal.Instance,
            profiles => profiles.Remove(_cluster, key)));
        _replicator.Tell(Dsl.Update(DiscoveryKeys.Links, LWWDictionary<string, LinkRow>.Empty, WriteLocal.Instance,
            rows => rows.Remove(_cluster, key)));
    }

    private long FreeDiskBytes()
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(_facts.DataDirectory)).AvailableFreeSpace;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private sealed class StorageCheckTick
    {
        public static readonly StorageCheckTick Instance = new();
    }
}

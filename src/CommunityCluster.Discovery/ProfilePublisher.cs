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
/// It also keeps this home's week (<see cref="WeekRecorder"/>): every few minutes of week-clock
/// time it records the node as on and publishes the week under <see cref="DiscoveryKeys.Weeks"/>,
/// which nobody removes when the member leaves; on <see cref="AnnounceAbsence"/> it writes the
/// absence there to a majority before answering, so the community knows before the home goes.
/// </summary>
public sealed class ProfilePublisher : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly ProfileFacts _facts;
    private readonly OnlineHours _onlineHours;
    private readonly WeekRecorder _week;
    private readonly Core.Availability.OffHoursDeparture? _departure;
    private readonly TimeSpan _interval;
    private long _lastTick = Stopwatch.GetTimestamp();
    private long _publishedUsedBytes;

    public ProfilePublisher(ProfileFacts facts, DiscoveryOptions options)
    {
        _facts = facts;
        _onlineHours = new OnlineHours(facts.DataDirectory);
        _week = new WeekRecorder(
            facts.DataDirectory, facts.ClockOrReal, facts.OffHours ?? Core.Availability.WeekSchedule.None);
        _departure = facts is { LeaveAtOffHours: true, OffHours: not null } ? new(facts.OffHours) : null;

        Receive<PublishTick>(_ => Publish());
        Receive<StorageCheckTick>(_ =>
        {
            if ((_facts.Storage?.UsedBytes ?? 0) != _publishedUsedBytes)
                Publish();
        });
        Receive<WeekTick>(_ =>
        {
            _week.Tick();
            PublishWeek(WriteLocal.Instance);
            LeaveIfOffHoursBegin();
        });
        Receive<AnnounceAbsence>(Announce);
        Receive<AbsenceAnnounced>(LeaveForOffHours);
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

        var away = _week.Start();
        _log.Info("Node {NodeId}: week clock at {Now}, away {Away} since last run",
            _facts.NodeId, _week.LastSeen, away);
        Timers.StartPeriodicTimer(WeekTick.Instance, WeekTick.Instance, WeekTickInterval(_facts));
        Publish();
        PublishWeek(WriteLocal.Instance);
    }

    /// <summary>Ten minutes of week-clock time, between 0.5 s and 60 s of wall clock.</summary>
    public static TimeSpan WeekTickInterval(ProfileFacts facts)
    {
        var ticks = facts.ClockOrReal.ToWallClock(TimeSpan.FromMinutes(10)).Ticks;
        var (shortest, longest) = (TimeSpan.FromMilliseconds(500).Ticks, TimeSpan.FromSeconds(60).Ticks);
        return TimeSpan.FromTicks(Math.Clamp(ticks, shortest, longest));
    }

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        _onlineHours.Add(Stopwatch.GetElapsedTime(_lastTick));
        _week.Tick();
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
            _facts.NodeId, _publishedUsedBytes, _week.Profile());

        _replicator.Tell(Dsl.Update(DiscoveryKeys.Profiles, LWWDictionary<string, NodeProfile>.Empty, WriteLocal.Instance,
            profiles => profiles.SetItem(_cluster, self, profile)));
    }

    private Task<IUpdateResponse> PublishWeek(IWriteConsistency consistency)
    {
        var week = new HomeWeek(_facts.NodeId, _facts.HomeId, _week.Profile(), _week.OffHours.Text, _week.LastSeen,
            _week.AbsentUntil);
        var update = Dsl.Update(DiscoveryKeys.Weeks, LWWDictionary<string, HomeWeek>.Empty, consistency,
            weeks => weeks.SetItem(_cluster, _facts.NodeId, week));
        if (consistency is WriteLocal)
        {
            _replicator.Tell(update);
            return Task.FromResult<IUpdateResponse>(null!);
        }

        return _replicator.Ask<IUpdateResponse>(update, TimeSpan.FromSeconds(6));
    }

    private void Announce(AnnounceAbsence announce)
    {
        var until = announce.Until ?? _facts.ClockOrReal.Now + (announce.For ?? TimeSpan.Zero);
        _week.Announce(until);
        _log.Info("Node {NodeId} announces an absence until {Until}", _facts.NodeId, until);

        PublishWeek(new WriteMajority(TimeSpan.FromSeconds(5))).PipeTo(Sender,
            success: response => new AbsenceAnnounced(_facts.NodeId, until, response.IsSuccessful),
            failure: _ => new AbsenceAnnounced(_facts.NodeId, until, Majority: false));
    }

    /// <summary>
    /// The announced off hours begin: the absence until their end is written to a majority (so repair
    /// knows the copies here still count), then the node leaves gracefully and exits 0. What brings it
    /// back is the box's own timer (a power schedule, a systemd timer): a supervisor restarts only a
    /// failure (exit 3), so a container with --restart on-failure stays down through the night.
    /// </summary>
    private void LeaveIfOffHoursBegin()
    {
        if (_departure is null || !_departure.ShouldLeave(_facts.ClockOrReal.Now, out var until))
            return;

        _log.Info("Node {NodeId}: announced off hours begin; leaving until {Until}", _facts.NodeId, until);
        Self.Tell(new AnnounceAbsence(until));
    }

    private void LeaveForOffHours(AbsenceAnnounced announced)
    {
        _log.Info("Node {NodeId}: absence until {Until} written ({Known}); leaving the community gracefully",
            announced.NodeId, announced.Until, announced.Majority ? "majority" : "locally only");
        _cluster.Leave(_cluster.SelfAddress);
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

    private sealed class WeekTick
    {
        public static readonly WeekTick Instance = new();
    }
}

using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;
using CommunityCluster.Core.Discovery;

namespace CommunityCluster.Discovery;

/// <summary>
/// Measures this node's links to every other member and publishes its row of the link matrix.
/// Round trips come from a ping per member per <see cref="DiscoveryOptions.PingInterval"/>;
/// throughput from a small windowed probe now and then, and from every transfer that other
/// actors report with <see cref="RecordTransfer"/>.
/// </summary>
public sealed class LinkProber : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly IActorRef _replicator = DistributedData.Get(Context.System).Replicator;
    private readonly DiscoveryOptions _options;
    private readonly string _self;
    private readonly HashSet<Address> _peers = [];
    private readonly Dictionary<string, LinkEstimate> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<Address, ThroughputProbeRun> _probes = [];
    private long _sequence;
    private bool _dirty;

    public LinkProber(DiscoveryOptions options)
    {
        _options = options;
        _self = _cluster.SelfAddress.ToString();

        Receive<ClusterEvent.MemberUp>(e => AddPeer(e.Member.Address));
        Receive<ClusterEvent.MemberWeaklyUp>(e => AddPeer(e.Member.Address));
        Receive<ClusterEvent.MemberRemoved>(e => RemovePeer(e.Member.Address));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<PingTick>(_ => PingAll());
        Receive<Pong>(OnPong);
        Receive<ProbeTick>(tick => StartProbe(tick.Peer));
        Receive<ThroughputProbeAck>(OnProbeAck);
        Receive<RecordTransfer>(r => RecordThroughput(r.Peer.ToString(), r.Bytes, r.Elapsed));
        Receive<PublishTick>(_ => Publish());
        Receive<GetLinkEstimates>(_ => Sender.Tell(new LinkEstimates(_self, new Dictionary<string, LinkEstimate>(_links))));
        Receive<UpdateSuccess>(_ => { });
        Receive<IUpdateFailure>(f => _log.Warning("Publishing the link row of {Address} failed: {Failure}", _self, f));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(DiscoveryOptions options) => Akka.Actor.Props.Create(() => new LinkProber(options));

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));
        Timers.StartPeriodicTimer(PingTick.Instance, PingTick.Instance, _options.PingInterval);
        Timers.StartPeriodicTimer(PublishTick.Instance, PublishTick.Instance, _options.PublishInterval);
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void AddPeer(Address address)
    {
        if (address == _cluster.SelfAddress || !_peers.Add(address))
            return;

        // A first probe soon after a member appears, spread out so a cluster start is not a burst.
        var firstProbe = TimeSpan.FromSeconds(2 + Random.Shared.NextDouble() * 8);
        Timers.StartSingleTimer(("probe", address), new ProbeTick(address), firstProbe);
        Ping(address);
    }

    private void RemovePeer(Address address)
    {
        _peers.Remove(address);
        _probes.Remove(address);
        Timers.Cancel(("probe", address));
        _dirty |= _links.Remove(address.ToString());
    }

    private void PingAll()
    {
        foreach (var peer in _peers)
            Ping(peer);
    }

    private void Ping(Address peer) =>
        ResponderOf(peer).Tell(new Ping(++_sequence, Stopwatch.GetTimestamp()), Self);

    private void OnPong(Pong pong)
    {
        var roundTripMs = Stopwatch.GetElapsedTime(pong.SentAtTicks).TotalMilliseconds;
        var peer = Sender.Path.Address.ToString();
        var now = DateTimeOffset.UtcNow;

        _links[peer] = _links.TryGetValue(peer, out var estimate)
            ? estimate.WithRoundTrip(roundTripMs, now)
            : LinkEstimate.FirstRoundTrip(roundTripMs, now);
        _dirty = true;
    }

    private void StartProbe(Address peer)
    {
        Timers.StartSingleTimer(("probe", peer), new ProbeTick(peer), _options.ThroughputProbeInterval);
        if (!_peers.Contains(peer))
            return;

        var sequence = ++_sequence;
        _probes[peer] = new ThroughputProbeRun(sequence, Stopwatch.GetTimestamp(), _options.ThroughputProbeParts);
        var responder = ResponderOf(peer);
        for (var part = 0; part < _options.ThroughputProbeParts; part++)
            responder.Tell(new ThroughputProbe(sequence, part, new byte[_options.ThroughputProbePartBytes]), Self);
    }

    private void OnProbeAck(ThroughputProbeAck ack)
    {
        var peer = Sender.Path.Address;
        if (!_probes.TryGetValue(peer, out var run) || run.Sequence != ack.Sequence)
            return;

        var elapsed = Stopwatch.GetElapsedTime(run.StartedAtTicks);
        if (elapsed > _options.ThroughputProbeTimeout)
        {
            _probes.Remove(peer);
            return;
        }

        run.PartsLeft--;
        if (run.PartsLeft > 0)
            return;

        _probes.Remove(peer);
        RecordThroughput(peer.ToString(), (long)_options.ThroughputProbeParts * _options.ThroughputProbePartBytes, elapsed);
    }

    private void RecordThroughput(string peer, long bytes, TimeSpan elapsed)
    {
        if (!_links.TryGetValue(peer, out var estimate))
            return;

        _links[peer] = estimate.WithTransfer(bytes, elapsed, DateTimeOffset.UtcNow);
        _dirty = true;
        _log.Debug("Throughput to {Peer}: {Bytes} bytes in {ElapsedMs} ms", peer, bytes, elapsed.TotalMilliseconds);
    }

    private void Publish()
    {
        if (!_dirty)
            return;

        _dirty = false;
        var row = new LinkRow(_self, _links.Select(l => new LinkEntry(l.Key, l.Value)).ToList(), DateTimeOffset.UtcNow);
        _replicator.Tell(Dsl.Update(DiscoveryKeys.Links, LWWDictionary<string, LinkRow>.Empty, WriteLocal.Instance,
            rows => rows.SetItem(_cluster, _self, row)));
    }

    private static ActorSelection ResponderOf(Address peer) => Context.ActorSelection(new RootActorPath(peer) / "user" / PingResponder.Name);

    private sealed class ThroughputProbeRun(long sequence, long startedAtTicks, int parts)
    {
        public long Sequence { get; } = sequence;

        public long StartedAtTicks { get; } = startedAtTicks;

        public int PartsLeft { get; set; } = parts;
    }
}

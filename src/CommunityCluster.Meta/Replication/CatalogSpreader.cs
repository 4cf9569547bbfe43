using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Event;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Meta.Replication;

/// <summary>This key was written locally but has not reached every replica.</summary>
internal sealed record Unspread(string KeyId);

/// <summary>
/// Gets catalog writes to every replica without waiting for gossip, which in a replicator of
/// 8,000 keys compares only 50 keys per 2 s round and may take minutes to find one change.
/// <list type="bullet">
/// <item>Keys written while a replica was unreachable (or whose write timed out) are kept in
/// <c>ddata/catalog-unspread.txt</c> and pushed to every replica again: every
/// <see cref="MetaHubOptions.SpreadInterval"/>, and at once when a member comes back or joins.
/// The file survives a restart, so a node downed on the minority side of a partition still spreads
/// what it wrote there once it has rejoined.</item>
/// <item>A node that starts with no catalog key at all (a new home, or one whose durable folder was
/// cleared) reads every key from one other node, a few at a time, instead of waiting for gossip.</item>
/// </list>
/// </summary>
internal sealed class CatalogSpreader : ReceiveActor, IWithTimers
{
    public const string Name = "metahub-spreader";
    private const int PushBatch = 16;
    private const int MaxCatchUpTries = 4;

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _replicator;
    private readonly MetaHubOptions _options;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly HashSet<string> _unspread = new(StringComparer.Ordinal);
    private readonly Queue<IKey> _catchUp = new();
    private readonly Dictionary<string, int> _catchUpTries = new(StringComparer.Ordinal);
    private readonly Stopwatch _catchUpWatch = new();
    private int _catchUpFailures;
    private int _pushing;
    private int _reading;

    public CatalogSpreader(IActorRef replicator, MetaHubOptions options)
    {
        _replicator = replicator;
        _options = options;

        Receive<Unspread>(u =>
        {
            if (_unspread.Add(u.KeyId))
                Save();
        });
        Receive<SpreadTick>(_ => Push());
        Receive<ClusterEvent.ReachableMember>(_ => Push());
        Receive<ClusterEvent.MemberUp>(_ => Push());
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<UpdateSuccess>(success => Pushed((string)success.Request!, spread: true));
        Receive<IUpdateResponse>(failure => Pushed((string)failure.Request!, spread: false));

        Receive<SelfUp>(_ => _replicator.Tell(Dsl.GetKeyIds));
        Receive<GetKeysIdsResult>(StartCatchUp);
        Receive<GetSuccess>(_ => ReadArrived());
        Receive<NotFound>(_ => ReadArrived());
        Receive<GetFailure>(failure =>
        {
            // A read that timed out (a busy or slow peer) is tried again, a few times, rather than left to gossip.
            _catchUpFailures++;
            var tries = _catchUpTries.GetValueOrDefault(failure.Key.Id) + 1;
            _catchUpTries[failure.Key.Id] = tries;
            if (tries < MaxCatchUpTries)
                _catchUp.Enqueue(failure.Key);
            ReadArrived();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef replicator, MetaHubOptions options) =>
        Akka.Actor.Props.Create(() => new CatalogSpreader(replicator, options));

    protected override void PreStart()
    {
        Load();
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.IMemberEvent));
        _cluster.RegisterOnMemberUp(() => Self.Tell(SelfUp.Instance));
        Timers.StartPeriodicTimer(SpreadTick.Instance, SpreadTick.Instance, _options.SpreadInterval);
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private bool EveryReplicaReachable =>
        !_cluster.State.Unreachable.Any(m => m.HasRole(ServiceRole.NodeRole))
        && _cluster.State.Members.Any(m => m.Status == MemberStatus.Up && m.HasRole(ServiceRole.NodeRole)
            && !m.Equals(_cluster.SelfMember));

    private void Push()
    {
        if (_pushing > 0 || _unspread.Count == 0 || !EveryReplicaReachable)
            return;

        foreach (var keyId in _unspread.Take(PushBatch).ToList())
        {
            _pushing++;
            var consistency = new WriteAll(_options.WriteTimeout);
            _replicator.Tell(CatalogKeys.IsAlbumKey(keyId)
                ? Dsl.Update(new AlbumBucketKey(keyId), AlbumBucket.Empty, consistency, keyId, b => b)
                : Dsl.Update(new CatalogBucketKey(keyId), CatalogBucket.Empty, consistency, keyId, b => b));
        }
    }

    private void Pushed(string keyId, bool spread)
    {
        _pushing--;
        if (spread && _unspread.Remove(keyId))
        {
            Save();
            _log.Debug("Catalog key {Key} reached every replica", keyId);
        }

        if (_pushing == 0 && _unspread.Count > 0 && spread)
            Push();
    }

    private void StartCatchUp(GetKeysIdsResult keys)
    {
        var others = _cluster.State.Members.Count(m => m.Status == MemberStatus.Up
            && m.HasRole(ServiceRole.NodeRole)) - 1;
        if (!_options.CatchUpWhenEmpty || others < 1 || keys.Keys.Any(k => CatalogKeys.IsPhotoKey(k)
            || CatalogKeys.IsAlbumKey(k)))
            return;

        foreach (var key in CatalogKeys.AllAlbumKeys)
            _catchUp.Enqueue(key);
        foreach (var key in CatalogKeys.AllPhotoKeys)
            _catchUp.Enqueue(key);

        _log.Info("This node has no catalog yet: reading its {Count} keys from other nodes, {Window} at a time",
            _catchUp.Count,
            _options.CatchUpWindow);
        _catchUpWatch.Start();
        while (_reading < _options.CatchUpWindow && _catchUp.Count > 0)
            ReadNext();
    }

    private void ReadNext()
    {
        _reading++;
        _replicator.Tell(new Get(_catchUp.Dequeue(), new ReadFrom(2, _options.ReadTimeout)));
    }

    private void ReadArrived()
    {
        if (_reading == 0)
            return;

        _reading--;
        if (_catchUp.Count > 0)
            ReadNext();
        else if (_reading == 0 && _catchUpFailures == 0)
            _log.Info("Catalog catch-up read every key in {ElapsedMs} ms", _catchUpWatch.ElapsedMilliseconds);
        else if (_reading == 0)
            _log.Warning("Catalog catch-up ended after {ElapsedMs} ms; {Failures} reads timed out and were retried "
                + "(a key that failed {Tries} times is left to gossip)", _catchUpWatch.ElapsedMilliseconds, _catchUpFailures,
                MaxCatchUpTries);
    }

    private void Load()
    {
        if (!File.Exists(_options.UnspreadFile))
            return;

        foreach (var line in File.ReadAllLines(_options.UnspreadFile).Where(l => CatalogKeys.IsPhotoKey(l)
            || CatalogKeys.IsAlbumKey(l)))
            _unspread.Add(line.Trim());
        if (_unspread.Count > 0)
            _log.Info("{Count} catalog keys written here have not reached every replica yet; spreading them",
                _unspread.Count);
    }

    private void Save()
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_options.UnspreadFile)!);
            var temp = _options.UnspreadFile + ".tmp";
            File.WriteAllLines(temp, _unspread.Order(StringComparer.Ordinal));
            File.Move(temp, _options.UnspreadFile, overwrite: true);
        }
        catch (IOException e)
        {
            // Not fatal: gossip still spreads the keys, only later.
            _log.Warning("Could not save the unspread catalog keys to {Path}: {Reason}", _options.UnspreadFile,
                e.Message);
        }
    }

    private sealed class SpreadTick
    {
        public static readonly SpreadTick Instance = new();
    }

    private sealed class SelfUp
    {
        public static readonly SelfUp Instance = new();
    }
}

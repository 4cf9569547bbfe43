using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace CommunityCluster.Hosting;

/// <summary>
/// Brings a home back to its community when it is left on an island: a cluster without the
/// lighthouse while the lighthouse is alive in another one. Akka.NET never merges two clusters,
/// so without this a home stays apart for good. It happens when the lighthouse restarts after the
/// homes removed it (it then forms a cluster alone), and when the split brain resolver keeps a
/// lone home after downing the indirectly connected rest (soak finding 9).
/// <para>The lighthouse is the rendezvous: the home downs itself, exits 3, and its supervisor
/// restarts it, so it joins the lighthouse's cluster with its data intact.</para>
/// </summary>
public sealed class IslandGuard : ReceiveActor, IWithTimers
{
    public const string Name = "island-guard";

    /// <summary>The start of the warning logged before leaving; the soak explains an exit 3 by it.</summary>
    public const string LeavingMessage = "On an island without the lighthouse";

    private const string CheckTimer = "check";
    private const string SeedPath = "/system/cluster/core/daemon";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly IslandJudge _judge;
    private readonly TimeSpan _checkEvery;

    public IslandGuard(IslandJudge judge, TimeSpan checkEvery)
    {
        _judge = judge;
        _checkEvery = checkEvery;

        Receive<Check>(_ => CheckMembership());
        Receive<ActorIdentity>(OnSeedAnswer);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IEnumerable<Address> seeds) =>
        Akka.Actor.Props.Create(() => new IslandGuard(
            new IslandJudge(seeds, ClusterTimings.IslandGrace, ClusterTimings.IslandCheckInterval,
                ClusterTimings.IslandLongestRetry),
            ClusterTimings.IslandCheckInterval));

    protected override void PreStart() => Timers.StartPeriodicTimer(CheckTimer, Check.Instance, _checkEvery);

    private void CheckMembership()
    {
        if (!SeedsAbsentLongEnough() || !_judge.TakeAskTurn(DateTime.UtcNow))
            return;

        // Identify answers from any live actor system: a seed that answers is running, and since
        // it is not in this cluster, it is in another one.
        foreach (var seed in _judge.Seeds)
            Context.ActorSelection(seed + SeedPath).Tell(new Identify(seed), Self);
    }

    private void OnSeedAnswer(ActorIdentity answer)
    {
        if (answer.Subject is null || !SeedsAbsentLongEnough())
            return;

        _log.Warning(LeavingMessage + ": no seed has been a member for {AbsentSeconds:0} s, and seed {Seed} answers "
            + "from another cluster. Downing this home so that, restarted, it joins the lighthouse's cluster.",
            _judge.AbsentFor(DateTime.UtcNow).TotalSeconds, answer.MessageId);
        Timers.CancelAll();
        Become(() => ReceiveAny(_ => { }));
        _cluster.Down(_cluster.SelfAddress);
    }

    private bool SeedsAbsentLongEnough()
    {
        var state = _cluster.State;
        return _judge.SeedsAbsentLongEnough(
            _cluster.SelfMember.Status, state.Members.Select(m => (m.Address, m.Status)), DateTime.UtcNow);
    }

    private sealed class Check
    {
        public static readonly Check Instance = new();
    }
}

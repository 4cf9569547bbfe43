using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace CommunityCluster.Hosting;

/// <summary>
/// Restarts a home whose cluster singletons stopped for good while it is their oldest member.
/// <para>Found by the CI soak (seed 9): a home restarted at the address it had before, while a
/// remnant of its old cluster was still alive. The remnant's oldest asked that address for the
/// singletons (<c>HandOverToMe</c>), and the new incarnation, oldest of its own cluster, handed
/// them all over to a node outside its cluster. A singleton manager that has handed over only
/// waits for its own removal, so no member of the community ran the shard coordinators, the
/// replication monitor or the sweeper again: shard regions could not register, and repair and
/// new uploads stalled.</para>
/// <para>Akka.NET gives no way to restart a manager, so the home downs itself, exits 3, and its
/// supervisor restarts it; it rejoins as the youngest and the next oldest takes the singletons.</para>
/// </summary>
public sealed class SingletonWatch : ReceiveActor, IWithTimers
{
    public const string Name = "singleton-watch";

    /// <summary>The start of the warning logged before leaving; the soak explains an exit 3 by it.</summary>
    public const string LeavingMessage = "A cluster singleton stopped for good on its oldest member";

    private const string CheckTimer = "check";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly SingletonJudge _judge;
    private readonly TimeSpan _checkEvery;
    private readonly Dictionary<string, string?> _watched = new(StringComparer.Ordinal);

    public SingletonWatch(SingletonJudge judge, TimeSpan checkEvery)
    {
        _judge = judge;
        _checkEvery = checkEvery;

        Receive<Watch>(watch => _watched[watch.SingletonPath] = watch.Role);
        Receive<CheckTick>(_ => LookAtSingletons());
        Receive<ActorIdentity>(OnSingletonAnswer);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props() =>
        Akka.Actor.Props.Create(() => new SingletonWatch(
            new SingletonJudge(ClusterTimings.SingletonGrace), ClusterTimings.SingletonCheckInterval));

    /// <summary>The path of a shard region's coordinator singleton on this node.</summary>
    public static string CoordinatorPath(string typeName) => $"/system/sharding/{typeName}Coordinator/singleton";

    /// <summary>The path on this node of a singleton started by Akka.Hosting's <c>WithSingleton(name)</c>.</summary>
    public static string HostedSingletonPath(string name) => $"/user/{name}/{name}";

    protected override void PreStart() => Timers.StartPeriodicTimer(CheckTimer, CheckTick.Instance, _checkEvery);

    private void LookAtSingletons()
    {
        foreach (var (path, role) in _watched)
        {
            if (!SelfIsOldest(role))
            {
                _judge.Forget(path);
                continue;
            }

            // Identify answers with no subject when no actor lives at the path.
            Context.ActorSelection(path).Tell(new Identify(path), Self);
        }
    }

    private void OnSingletonAnswer(ActorIdentity answer)
    {
        var path = (string)answer.MessageId;
        if (!_watched.TryGetValue(path, out var role))
            return;

        var now = DateTime.UtcNow;
        if (!_judge.MissingLongEnough(path, SelfIsOldest(role), answer.Subject is not null, now))
            return;

        _log.Warning(LeavingMessage + ": {Singleton} (role {Role}) has not run on this home for {MissingSeconds:0} s "
            + "while this home was its oldest member. Downing this home so that, restarted, the next oldest runs it.",
            path, role ?? "any", _judge.MissingFor(path, now).TotalSeconds);
        Timers.CancelAll();
        Become(() => ReceiveAny(_ => { }));
        _cluster.Down(_cluster.SelfAddress);
    }

    /// <summary>
    /// True when this node is the oldest of the members a singleton manager of this role counts:
    /// Up, Leaving or Exiting, with the role. An older member that is merely unreachable still
    /// counts, so this home waits for it to be downed like its manager does.
    /// </summary>
    private bool SelfIsOldest(string? role)
    {
        var self = _cluster.SelfMember;
        if (self.Status != MemberStatus.Up || (role is not null && !self.HasRole(role)))
            return false;

        return !_cluster.State.Members.Any(m =>
            m.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting
            && (role is null || m.HasRole(role))
            && m.IsOlderThan(self));
    }

    /// <summary>Adds a singleton to the watch: its path on this node, and its manager's role (null: any).</summary>
    public sealed record Watch(string SingletonPath, string? Role);

    private sealed class CheckTick
    {
        public static readonly CheckTick Instance = new();
    }
}

using Akka.Actor;
using Akka.Cluster;
using CommunityCluster.Commands.Protocol;

namespace CommunityCluster.Commands.Palettes;

/// <summary>
/// pbm's cluster palette: membership (<c>show</c>, <c>status</c>, <c>leader</c>), steering
/// (<c>join</c>, <c>leave</c>, <c>down</c>, <c>down-unreachable</c>), events as they happen
/// (<c>tail</c>) and sharding (<see cref="ShardingCommands"/>). Everything goes through
/// <see cref="Cluster"/> and sharding's own queries; nothing is cached.
/// </summary>
public sealed partial class ClusterPalette(ActorSystem system)
    : Palette("cluster", "membership, leadership and sharding of the cluster, as pbm has them")
{
    private const string AddressHelp = "a member, in full (akka.tcp://community@host:port) or as host:port";

    private readonly Cluster _cluster = Cluster.Get(system);

    protected override IEnumerable<PaletteCommand> Define() =>
    [
        new("show", "every member: address, roles, status, reachability, version; then a count", [], Show),
        new("status", "this member: its status and roles, the leader, unreachable members", [], Status),
        new("leader", "the leader, and the leader of each role", [], Leader),
        new("join", "make this member, not yet in a cluster, join the cluster of <address>",
            [Required("address", "a member of the cluster to join", 'a')], Join),
        new("leave", "ask a member to leave gracefully: it hands its shards over and its process exits 0",
            [Required("address", AddressHelp, 'a')], Leave),
        new("down", "mark a member down: the cluster removes it at once; a running node exits 3",
            [Required("address", AddressHelp, 'a')], Down),
        new("down-unreachable", "mark every unreachable member down", [], DownUnreachable),
        new("tail", "membership and reachability events as they happen, until Ctrl-C", [], Tail, Streams: true),
        .. ShardingCommands(),
    ];

    private Task<CommandOutput> Show(CommandContext context)
    {
        var state = _cluster.State;
        var members = state.Members
            .Select(m => new MemberLine(m.Address.ToString(), Members.Roles(m), m.Status.ToString(),
                !state.Unreachable.Contains(m), m.AppVersion.ToString()))
            .ToList();
        var data = new ClusterShow(_cluster.SelfAddress.ToString(), state.Leader?.ToString(), members.Count,
            members.Count(m => m.Status == nameof(MemberStatus.Up)), members.Count(m => !m.Reachable), members);

        var table = ViewBlock.Table(null,
        [
            Views.Column("ADDRESS"), Views.Column("ROLES"), Views.Column("STATUS"), Views.Column("REACHABILITY"),
            Views.Column("VERSION"),
        ], members.Select(m => (IReadOnlyList<string>)
        [
            m.Address, string.Join(",", m.Roles), m.Status, m.Reachable ? "reachable" : "unreachable", m.Version,
        ]).ToList());
        var count = ViewBlock.Text($"{Views.Count(data.Count, "member")}: {data.Up} up, "
            + $"{data.Unreachable} unreachable; seen from {data.Self}");
        return Done(data, table, count);
    }

    private Task<CommandOutput> Status(CommandContext context)
    {
        var state = _cluster.State;
        var self = _cluster.SelfMember;
        var unreachable = state.Unreachable.Select(m => m.Address.ToString()).Order(StringComparer.Ordinal).ToList();
        var data = new ClusterStatus(self.Address.ToString(), self.Status.ToString(), Members.Roles(self),
            self.AppVersion.ToString(), state.Leader?.ToString(), state.Leader == self.Address, state.Members.Count,
            unreachable);

        return Done(data, Views.Fields(null,
            ("member", data.Member),
            ("status", state.Members.IsEmpty ? $"{data.Status} (in no cluster: not joined yet, or left)" : data.Status),
            ("roles", string.Join(",", data.Roles)),
            ("version", data.Version),
            ("leader", data.Leader is null ? "none" : data.Leader + (data.IsLeader ? " (this member)" : "")),
            ("members", Views.Integer(data.Members)),
            ("unreachable", unreachable.Count == 0 ? "none" : string.Join(", ", unreachable))));
    }

    private Task<CommandOutput> Leader(CommandContext context)
    {
        var state = _cluster.State;
        var roles = state.AllRoles.Order(StringComparer.Ordinal)
            .Select(role => new RoleLeader(role, state.RoleLeader(role)?.ToString()))
            .ToList();
        var data = new ClusterLeader(state.Leader?.ToString(), roles);

        return Done(data,
            ViewBlock.Text($"leader: {data.Leader ?? "none"}"),
            ViewBlock.Table(null, [Views.Column("ROLE"), Views.Column("LEADER")],
                roles.Select(r => (IReadOnlyList<string>)[r.Role, r.Leader ?? "none"]).ToList()));
    }

    private async Task<CommandOutput> Join(CommandContext context)
    {
        var target = Members.ParseAddress(context.Required("address"), _cluster.SelfAddress);
        if (target.System != _cluster.SelfAddress.System || target.Protocol != _cluster.SelfAddress.Protocol)
            throw new CommandException(ProblemCodes.BadArguments,
                $"{target} is not a {_cluster.SelfAddress.Protocol}://{_cluster.SelfAddress.System} address");

        var self = _cluster.SelfMember;
        if (target == self.Address)
            throw new CommandException(ProblemCodes.Refused,
                $"{target} would join itself and start a cluster of its own; give a member of the community");

        if (self.Status != MemberStatus.Removed)
            throw new CommandException(ProblemCodes.Refused,
                $"{self.Address} is already in a cluster ({self.Status}); "
                + "a member joins once: leave, restart, then join");

        try
        {
            await _cluster.JoinAsync(target, context.Cancellation);
        }
        catch (ClusterJoinFailedException)
        {
            throw new CommandException(ProblemCodes.Timeout,
                $"{self.Address} asked {target} to join but is not Up after "
                + $"{context.Timeout.TotalSeconds:0.#} s; it keeps trying");
        }

        var data = new MemberAction(self.Address.ToString(), "joined", target.ToString());
        return new CommandResult(data, ViewBlock.Text($"{data.Member} joined the cluster of {target} and is Up"));
    }

    private Task<CommandOutput> Leave(CommandContext context)
    {
        var member = Members.Resolve(_cluster, context.Required("address"));
        _cluster.Leave(member.Address);

        var data = new MemberAction(member.Address.ToString(), "leaving", null);
        return Done(data, ViewBlock.Text(
            $"{data.Member} is leaving: it hands its shards over, is removed, and its process exits 0"));
    }

    private Task<CommandOutput> Down(CommandContext context)
    {
        var member = Members.Resolve(_cluster, context.Required("address"));
        _cluster.Down(member.Address);

        var data = new MemberAction(member.Address.ToString(), "downed", null);
        return Done(data, ViewBlock.Text(
            $"{data.Member} is marked down: the cluster removes it; "
            + "if it still runs, it exits 3 and rejoins when restarted"));
    }

    private Task<CommandOutput> DownUnreachable(CommandContext context)
    {
        var unreachable = _cluster.State.Unreachable.Where(m => m.Status != MemberStatus.Down)
            .Select(m => m.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
        foreach (var address in unreachable)
            _cluster.Down(address);

        var downed = unreachable.Select(a => a.ToString()).ToList();
        var text = downed.Count == 0
            ? ViewBlock.Text("no member is unreachable; nothing was downed")
            : ViewBlock.Text(
                [$"marked down ({Views.Count(downed.Count, "member")}):", .. downed.Select(a => "  " + a)]);
        return Done(new DownedMembers(downed), text);
    }

    private Task<CommandOutput> Tail(CommandContext context) =>
        Task.FromResult<CommandOutput>(new CommandStream(ClusterTail.Events(system, _cluster, context.Cancellation)));

    private static Task<CommandOutput> Done(object data, params ViewBlock[] view) =>
        Task.FromResult<CommandOutput>(new CommandResult(data, view));
}

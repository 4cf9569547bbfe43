using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using CommunityCluster.Commands.Protocol;
using CommunityCluster.Core.Settings;
using CommunityCluster.Discovery;

namespace CommunityCluster.Commands.Palettes;

/// <summary>
/// This member: the profile it publishes (a node only; the lighthouse publishes none, so it has
/// no <c>profile</c> command) and leaving gracefully now, for a home about to switch off.
/// </summary>
public sealed partial class NodePalette(ActorSystem system, CommunityDirectory? directory = null)
    : Palette("node", "this member: its profile, and leaving the cluster gracefully")
{
    private readonly Cluster _cluster = Cluster.Get(system);

    protected override IEnumerable<PaletteCommand> Define()
    {
        if (directory is not null)
            yield return new("profile", "roles, home, quota, free space and hours online of this node, or of <address>",
                [Optional("address", "another member, in full or as host:port", 'a')], Profile);

        yield return new("leave", "leave the cluster now, gracefully: shards are handed over, then the process exits 0",
            [], Leave);

        if (directory is not null)
            yield return new("sleep",
                "announce an absence until <until> (8h, 2d, or 2026-12-24T18:00Z), then leave gracefully",
                [Required("until", "when this home is back: a duration or a date-time", 'u')], Sleep);
    }

    private async Task<CommandOutput> Profile(CommandContext context)
    {
        var address = context.Optional("address") is { } text
            ? Members.Resolve(_cluster, text).Address.ToString()
            : _cluster.SelfAddress.ToString();
        var member = (await directory!.MembersAsync(context.Cancellation)).FirstOrDefault(m => m.Address == address)
            ?? throw new CommandException(ProblemCodes.UnknownMember, $"{address} is not a member of this cluster");
        var profile = member.Profile
            ?? throw new CommandException(ProblemCodes.NotFound, member.Roles.Contains(ServiceRole.LighthouseRole)
                ? $"{address} is a lighthouse: it publishes no profile"
                : $"{address} has published no profile yet; a node publishes one as it starts and every 30 s");

        var data = new NodeProfileView(member.Address, member.Status, member.Reachable, profile);
        return new CommandResult(data, Views.Fields(null,
            ("member", member.Address),
            ("home", profile.HomeId),
            ("roles", string.Join(",", profile.Roles)),
            ("status", $"{member.Status}, {(member.Reachable ? "reachable" : "unreachable")}"),
            ("storage quota", new ByteSize(profile.StorageQuotaBytes).ToString()),
            ("free disk", new ByteSize(profile.FreeDiskBytes).ToString()),
            ("cores", Views.Integer(profile.Cores)),
            ("version", profile.Version),
            ("started", Views.Time(profile.StartedAt)),
            ("hours online", profile.HoursOnline.ToString("0.###", CultureInfo.InvariantCulture)),
            ("published", Views.Time(profile.PublishedAt))));
    }

    private Task<CommandOutput> Leave(CommandContext context)
    {
        var self = _cluster.SelfAddress.ToString();
        _cluster.Leave(_cluster.SelfAddress);

        var data = new MemberAction(self, "leaving", null);
        return Task.FromResult<CommandOutput>(new CommandResult(data, ViewBlock.Text(
            $"{self} is leaving: it hands its shards over, is removed, and its process exits 0")));
    }
}

/// <summary>A node's published profile with its membership as this member sees it.</summary>
public sealed record NodeProfileView(string Member, string Status, bool Reachable, NodeProfile Profile);

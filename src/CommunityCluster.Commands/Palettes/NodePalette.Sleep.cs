using Akka.Actor;
using CommunityCluster.Commands.Protocol;
using CommunityCluster.Discovery;

namespace CommunityCluster.Commands.Palettes;

/// <summary>
/// <c>node sleep --until</c>: a planned absence. The absence is written to a majority before the
/// node leaves, so repair knows the home's copies still count and placement knows it is away;
/// then the node leaves gracefully as <c>node leave</c> does.
/// </summary>
public sealed partial class NodePalette
{
    private static readonly TimeSpan AnnounceTimeout = TimeSpan.FromSeconds(10);

    private async Task<CommandOutput> Sleep(CommandContext context)
    {
        var text = context.Required("until");
        var announce = AbsenceRequest.Parse(text)
            ?? throw new CommandException(ProblemCodes.BadArguments, $"'{text}' is not {AbsenceRequest.Help}");

        var publisher = system.ActorSelection("/user/" + DiscoveryHostingExtensions.ProfilePublisherName);
        var announced = await publisher.Ask<AbsenceAnnounced>(announce, AnnounceTimeout, context.Cancellation);
        _cluster.Leave(_cluster.SelfAddress);

        var self = _cluster.SelfAddress.ToString();
        var known = announced.Majority ? "known to a majority" : "written locally only (no majority answered)";
        return new CommandResult(new SleepAnnounced(self, announced.NodeId, announced.Until, announced.Majority),
            ViewBlock.Text($"{self} sleeps until {announced.Until:yyyy-MM-dd HH:mm} UTC, {known}; "
                + "it is leaving gracefully"));
    }
}

/// <summary>What <c>node sleep</c> announced.</summary>
public sealed record SleepAnnounced(string Member, string NodeId, DateTimeOffset Until, bool Majority);

using Akka.Actor;
using Akka.Cluster;
using CommunityCluster.Discovery;
using CommunityCluster.Node.Security;
using CommunityCluster.Node.Startup;

namespace CommunityCluster.Node.Web;

/// <summary>The body of <c>POST /api/community/sleep</c>: <c>{ "until": "8h" }</c>.</summary>
public sealed record SleepBody(string? Until);

/// <summary>
/// <c>POST /api/community/sleep</c>, the community page's "sleep this home" control: the same as
/// <c>ccm node sleep --until</c>. The absence is written to a majority (repair keeps counting the
/// copies here, placement knows the home is away), the answer is sent, and then the node leaves the
/// community gracefully and exits 0; the owner starts it again when they are back.
/// </summary>
public static class SleepEndpoint
{
    /// <summary>Longer than this is not a sleep: a home away for a month should leave, and its copies be made elsewhere.</summary>
    public static readonly TimeSpan LongestSleep = TimeSpan.FromDays(30);

    private static readonly TimeSpan AnnounceTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapSleepEndpoint(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/community/sleep", Sleep)
            .WithTags("community")
            .WithSummary("This home announces an absence until a time, then leaves the community gracefully");
        return routes;
    }

    private static async Task<IResult> Sleep(SleepBody? body, ActorSystem system, ResolvedNodeSettings node,
        HttpContext context)
    {
        // Sleeping takes a home out of the community for days: the owner's decision, so an admin's,
        // not any member's who happens to browse through this home.
        if (!context.User.IsAdmin())
            return Problems.Of(StatusCodes.Status403Forbidden, "admins only",
                "only an admin may put this home to sleep (or its owner, with ccm node sleep)");

        var clock = node.Settings.Storage.Clock;
        var absence = AbsenceRequest.Parse(body?.Until);
        if (absence is null)
            return Problems.Of(StatusCodes.Status400BadRequest, "bad until",
                $"'until' must be {AbsenceRequest.Help}; it was '{body?.Until}'");

        var until = absence.Until ?? clock.Now + absence.For!.Value;
        if (until <= clock.Now || until - clock.Now > LongestSleep)
            return Problems.Of(StatusCodes.Status400BadRequest, "bad until",
                $"'until' must be in the future and at most {LongestSleep.TotalDays:0} days away; it was {until:u}");

        AbsenceAnnounced announced;
        try
        {
            var publisher = system.ActorSelection("/user/" + DiscoveryHostingExtensions.ProfilePublisherName);
            announced = await publisher.Ask<AbsenceAnnounced>(new AnnounceAbsence(until), AnnounceTimeout,
                context.RequestAborted);
        }
        catch (AskTimeoutException)
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "not announced",
                "this node could not record its absence in time; it stays in the community, try again");
        }

        // Leave once the answer is out: the page learns the absence was recorded before the node goes.
        var cluster = Cluster.Get(system);
        context.Response.OnCompleted(() =>
        {
            cluster.Leave(cluster.SelfAddress);
            return Task.CompletedTask;
        });
        return Results.Accepted(value: new
        {
            announced.NodeId,
            homeId = node.Settings.HomeId,
            announced.Until,
            announced.Majority,
            leaving = true,
        });
    }
}

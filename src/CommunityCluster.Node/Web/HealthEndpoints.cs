using Akka.Actor;
using Akka.Cluster;

namespace CommunityCluster.Node.Web;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: this node is Up in the cluster
/// and its actor system runs, so it can serve the community (DESIGN.md section 5). Both are open to anyone:
/// they say nothing about the community's photos or members.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health/live", () => Results.Ok(new { status = "live" })).AllowAnonymous();
        routes.MapGet("/health/ready", (ActorSystem system) =>
        {
            var status = Cluster.Get(system).SelfMember.Status;
            var running = !system.WhenTerminated.IsCompleted;
            var ready = running && status == MemberStatus.Up;
            var body = new { status = ready ? "ready" : "not ready", member = status.ToString() };
            return ready ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();
        return routes;
    }
}

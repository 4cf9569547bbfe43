using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Hosting;
using CommunityCluster.Core.Settings;
using CommunityCluster.Discovery;
using CommunityCluster.Hosting.ShardingProbe;

namespace CommunityCluster.Node.Web;

/// <summary>
/// The community as this node sees it: members with their profiles, the measured link matrix,
/// the instances of a service ranked for this node, and the sharding probe.
/// </summary>
public static partial class ClusterEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/cluster");

        api.MapGet("/members", async (CommunityDirectory directory, string? role, long? bytes, CancellationToken cancel) =>
        {
            if (role is null)
                return Results.Ok(new { self = directory.SelfAddress, members = await directory.MembersAsync(cancel) });

            if (!ServiceRole.All.Contains(role))
                return Problem(StatusCodes.Status400BadRequest, "unknown role", $"'{role}' is not one of {string.Join(", ", ServiceRole.All)}");

            var ranked = await directory.RankAsync(role, Math.Max(0, bytes ?? 1_000_000), cancel);
            return Results.Ok(new { self = directory.SelfAddress, role, ranked });
        });

        api.MapGet("/links", async (CommunityDirectory directory, CancellationToken cancel) =>
            Results.Ok(await directory.LinksAsync(cancel)));

        api.MapGet("/sharding-probe/{id}", async (string id, IRequiredActor<ShardingProbeEntity> region, CancellationToken cancel) =>
        {
            if (!ProbeIdPattern().IsMatch(id))
                return Problem(StatusCodes.Status400BadRequest, "bad probe id", "use 1 to 64 letters, digits, '-' or '_'");

            try
            {
                var hosted = await region.ActorRef.Ask<HostedAt>(new WhereAreYou(id), ProbeTimeout, cancel);
                return Results.Ok(new { entityId = hosted.EntityId, hostedBy = hosted.Address });
            }
            catch (AskTimeoutException)
            {
                return Problem(StatusCodes.Status503ServiceUnavailable, "shard allocation timed out",
                    $"entity '{id}' did not answer within {ProbeTimeout.TotalSeconds} s");
            }
        });

        return routes;
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ProbeIdPattern();
}

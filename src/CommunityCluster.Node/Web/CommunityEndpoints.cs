using CommunityCluster.Core.Settings;
using CommunityCluster.Discovery;
using CommunityCluster.Node.Startup;
using CommunityCluster.Photos;

namespace CommunityCluster.Node.Web;

/// <summary>
/// <c>GET /api/community</c>: what the community page shows, in one answer: the members with their
/// roles, home, storage and hours online; the link matrix pivoted into two square tables (round trip
/// and throughput, a row per measuring node and a column per member, like the study's); and the
/// replication health. Built from the same sources as <c>/api/cluster/members</c>,
/// <c>/api/cluster/links</c> and <c>/api/storage/status</c>, so the figures agree.
/// </summary>
public static class CommunityEndpoints
{
    public static IEndpointRouteBuilder MapCommunityEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/community", Community)
            .WithTags("community")
            .WithSummary("Members, the link matrix as two tables, and replication health");
        routes.MapGet("/api/community/weeks",
                (CommunityWeeksReport weeks, CancellationToken cancel) => weeks.BuildAsync(cancel))
            .WithTags("community")
            .WithSummary("Every home's week (168 hourly chances of being on) and the share of photos readable "
                + "now and over the week");
        return routes;
    }

    private static async Task<IResult> Community(CommunityDirectory directory, StorageStatusReport storage,
        ResolvedNodeSettings node, CancellationToken cancel)
    {
        var members = (await directory.MembersAsync(cancel))
            .OrderBy(m => m.Profile is null ? 1 : 0)
            .ThenBy(m => m.Profile?.HomeId, StringComparer.Ordinal)
            .ThenBy(m => m.Address, StringComparer.Ordinal)
            .ToList();
        var links = await directory.LinksAsync(cancel);
        var status = await storage.BuildAsync(cancel);

        return Results.Ok(new
        {
            self = new { address = directory.SelfAddress, homeId = node.Settings.HomeId },
            members = members.Select(Member),
            links = Matrix(members, links),
            replication = new
            {
                status.Photos,
                status.Chunks,
                status.Bytes,
                status.UnderReplicatedPhotos,
                status.UnderReplicatedChunks,
                status.RepairsRunning,
                status.DeletedAwaitingCleanup,
                status.ReplicationFactor,
                status.TargetCopies,
                healthy = status.UnderReplicatedPhotos == 0 && status.UnderReplicatedChunks == 0,
            },
        });
    }

    private static object Member(MemberView m) => new
    {
        address = m.Address,
        label = Label(m),
        homeId = m.Profile?.HomeId,
        status = m.Status,
        reachable = m.Reachable,
        roles = m.Roles,
        version = m.Profile?.Version ?? m.AppVersion,
        cores = m.Profile?.Cores,
        quotaBytes = m.Profile?.StorageQuotaBytes,
        usedBytes = m.Profile?.StorageUsedBytes,
        freeSharedBytes = m.Profile?.FreeSharedBytes,
        freeDiskBytes = m.Profile?.FreeDiskBytes,
        hoursOnline = m.Profile is { } p ? Math.Round(p.HoursOnline, 1) : (double?)null,
        startedAt = m.Profile?.StartedAt,
    };

    /// <summary>
    /// Square tables in member order: cell [i][j] is what member i measured to member j, null where it
    /// has not measured (yet) or i is j. A member that publishes no row (the lighthouse) has a row of nulls.
    /// </summary>
    private static object Matrix(IReadOnlyList<MemberView> members, LinkMatrixView links)
    {
        var rows = links.Rows.ToDictionary(r => r.From, r => r.Links.ToDictionary(l => l.To), StringComparer.Ordinal);
        LinkView? Cell(MemberView from, MemberView to) =>
            from.Address != to.Address && rows.TryGetValue(from.Address, out var row)
                && row.TryGetValue(to.Address, out var link) ? link : null;

        return new
        {
            nodes = members.Select(m => new { address = m.Address, label = Label(m) }),
            roundTripMs = members.Select(f => members.Select(t => Cell(f, t)?.RoundTripMs)),
            throughputMbit = members.Select(f => members.Select(t => Cell(f, t)?.ThroughputMbit)),
        };
    }

    private static string Label(MemberView m) =>
        m.Profile?.HomeId
        ?? (m.Roles.Contains(ServiceRole.LighthouseRole) ? "lighthouse" : new Uri(m.Address).Authority);
}

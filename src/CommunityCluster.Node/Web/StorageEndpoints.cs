using CommunityCluster.Photos;

namespace CommunityCluster.Node.Web;

/// <summary>
/// <c>GET /api/storage/status</c>: photos, chunks, bytes, what is under-replicated, and each node's
/// use, as <see cref="StorageStatusReport"/> computes them for <c>ccm storage status</c> too.
/// </summary>
public static class StorageEndpoints
{
    public static IEndpointRouteBuilder MapStorageEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/storage/status", Status);
        return routes;
    }

    private static async Task<IResult> Status(StorageStatusReport report, CancellationToken cancel) =>
        Results.Ok(await report.BuildAsync(cancel));
}

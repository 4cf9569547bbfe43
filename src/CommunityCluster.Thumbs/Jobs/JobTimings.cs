namespace CommunityCluster.Thumbs.Jobs;

/// <summary>
/// Where a finished job's time went on its worker: waiting there before it started, fetching the
/// original, rendering, and storing both renditions. The rest of the time from upload to settled
/// is the job's messages (assignment, progress, the result). Shown in <c>GET /api/photos/{id}</c>,
/// so a slow thumbnail can be explained, and reported by the router benchmark.
/// </summary>
public sealed record JobTimings(double WaitedMs, double FetchMs, double RenderMs, double StoreMs)
{
    public double WorkMs => FetchMs + RenderMs + StoreMs;
}

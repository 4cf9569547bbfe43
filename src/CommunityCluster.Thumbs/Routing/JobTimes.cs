namespace CommunityCluster.Thumbs.Routing;

/// <summary>
/// A worker's measured speed, smoothed over its completed jobs (gain 1/4, so the last few jobs
/// dominate, and a slow job moves the estimate by a quarter): the time a job holds the renderer,
/// the same per megabyte of original, the bytes of renditions it sends back, and the time storing
/// them takes from this worker. Rendering is what queues on a worker (one job at a time); storing
/// runs beside other jobs, so it adds to a job's time but not to the queue's.
/// </summary>
public sealed record JobTimes(double? MsPerJob, double? MsPerMegabyte, double? ResultBytes, int Jobs,
    double? MsPerStore = null)
{
    private const double Gain = 0.25;

    public static readonly JobTimes None = new(null, null, null, 0);

    public JobTimes With(TimeSpan render, long photoBytes, long resultBytes, TimeSpan store)
    {
        var ms = render.TotalMilliseconds;
        var perMb = ms / Math.Max(0.05, photoBytes / 1e6);
        return new JobTimes(Smooth(MsPerJob, ms), Smooth(MsPerMegabyte, perMb), Smooth(ResultBytes, resultBytes),
            Jobs + 1, Smooth(MsPerStore, store.TotalMilliseconds));
    }

    private static double Smooth(double? previous, double sample) =>
        previous is { } p ? (1 - Gain) * p + Gain * sample : sample;
}

namespace CommunityCluster.Thumbs.Routing;

/// <summary>
/// A worker's measured speed, smoothed over its completed jobs (gain 1/4, so the last few jobs
/// dominate, and a slow job moves the estimate by a quarter): time per whole job, time per
/// megabyte of original, and the bytes of renditions it sends back.
/// </summary>
public sealed record JobTimes(double? MsPerJob, double? MsPerMegabyte, double? ResultBytes, int Jobs)
{
    private const double Gain = 0.25;

    public static readonly JobTimes None = new(null, null, null, 0);

    public JobTimes With(TimeSpan elapsed, long photoBytes, long resultBytes)
    {
        var ms = elapsed.TotalMilliseconds;
        var perMb = ms / Math.Max(0.05, photoBytes / 1e6);
        return new JobTimes(Smooth(MsPerJob, ms), Smooth(MsPerMegabyte, perMb), Smooth(ResultBytes, resultBytes),
            Jobs + 1);
    }

    private static double Smooth(double? previous, double sample) =>
        previous is { } p ? (1 - Gain) * p + Gain * sample : sample;
}

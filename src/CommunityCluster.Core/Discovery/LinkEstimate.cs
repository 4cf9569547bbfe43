namespace CommunityCluster.Core.Discovery;

/// <summary>
/// What one node has measured of its link to another: a smoothed round-trip time with its
/// variation (the estimator TCP uses, RFC 6298: gains 1/8 and 1/4, so one slow ping moves the
/// estimate by an eighth) and a smoothed throughput of the transfers that crossed the link.
/// Immutable: each sample returns a new estimate.
/// </summary>
public sealed record LinkEstimate(
    double RoundTripMs,
    double RoundTripVariationMs,
    double? ThroughputBytesPerSecond,
    int RoundTripSamples,
    int ThroughputSamples,
    DateTimeOffset UpdatedAt)
{
    private const double RoundTripGain = 1.0 / 8;
    private const double VariationGain = 1.0 / 4;

    /// <summary>Throughput samples weigh more than pings: they are rarer and each one is a whole transfer.</summary>
    private const double ThroughputGain = 1.0 / 4;

    public static LinkEstimate FirstRoundTrip(double roundTripMs, DateTimeOffset at) =>
        new(roundTripMs, roundTripMs / 2, null, 1, 0, at);

    public LinkEstimate WithRoundTrip(double roundTripMs, DateTimeOffset at)
    {
        var variation = (1 - VariationGain) * RoundTripVariationMs + VariationGain * Math.Abs(RoundTripMs - roundTripMs);
        var smoothed = (1 - RoundTripGain) * RoundTripMs + RoundTripGain * roundTripMs;
        return this with
        {
            RoundTripMs = smoothed,
            RoundTripVariationMs = variation,
            RoundTripSamples = RoundTripSamples + 1,
            UpdatedAt = at,
        };
    }

    /// <summary>Folds in a transfer of <paramref name="bytes"/> that took <paramref name="elapsed"/>.</summary>
    public LinkEstimate WithTransfer(long bytes, TimeSpan elapsed, DateTimeOffset at)
    {
        if (bytes <= 0 || elapsed <= TimeSpan.Zero)
            return this;

        var sample = bytes / elapsed.TotalSeconds;
        var smoothed = ThroughputBytesPerSecond is { } previous
            ? (1 - ThroughputGain) * previous + ThroughputGain * sample
            : sample;

        return this with
        {
            ThroughputBytesPerSecond = smoothed,
            ThroughputSamples = ThroughputSamples + 1,
            UpdatedAt = at,
        };
    }
}

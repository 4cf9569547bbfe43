namespace CommunityCluster.Core.Storage;

/// <summary>
/// A byte budget per second with a burst: tokens flow in at <paramref name="bytesPerSecond"/> up to
/// <paramref name="burstBytes"/>. A take larger than the burst is allowed once the bucket is full
/// and leaves a debt that is paid back before the next take, so the average rate holds for photos
/// of any size. Time is given by the caller, so the bucket is tested without waiting.
/// </summary>
public sealed class TokenBucket(long bytesPerSecond, long burstBytes, DateTimeOffset now)
{
    private double _tokens = burstBytes;
    private DateTimeOffset _at = now;

    public long BytesPerSecond { get; } = Math.Max(1, bytesPerSecond);

    /// <summary>Takes <paramref name="bytes"/> if the budget allows them now; false leaves the bucket as it was.</summary>
    public bool TryTake(long bytes, DateTimeOffset now)
    {
        Refill(now);
        if (_tokens < Math.Min(bytes, burstBytes))
            return false;

        _tokens -= bytes;
        return true;
    }

    /// <summary>How long until a take of <paramref name="bytes"/> would succeed.</summary>
    public TimeSpan WaitFor(long bytes, DateTimeOffset now)
    {
        Refill(now);
        var lacking = Math.Min(bytes, burstBytes) - _tokens;
        return lacking <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(lacking / BytesPerSecond);
    }

    private void Refill(DateTimeOffset now)
    {
        if (now > _at)
            _tokens = Math.Min(burstBytes, _tokens + (now - _at).TotalSeconds * BytesPerSecond);

        _at = now > _at ? now : _at;
    }
}

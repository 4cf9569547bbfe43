using CommunityCluster.Core.Storage;

namespace CommunityCluster.Core.Tests;

public class TokenBucketSpecs
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TokenBucket_should_hold_the_average_rate_after_its_burst()
    {
        var bucket = new TokenBucket(100_000, 1_000_000, Start);
        var taken = 0L;

        for (var second = 0; second <= 60; second++)
        {
            while (bucket.TryTake(50_000, Start.AddSeconds(second)))
                taken += 50_000;
        }

        // The burst (1 MB) and then 100 kB/s for 60 s.
        Assert.Equal(1_000_000 + 60 * 100_000, taken);
    }

    [Fact]
    public void TokenBucket_should_let_a_photo_larger_than_the_burst_through_once_full_and_repay_it()
    {
        var bucket = new TokenBucket(100_000, 1_000_000, Start);

        var big = bucket.TryTake(5_000_000, Start);
        var right = bucket.TryTake(1, Start.AddSeconds(39));
        var wait = bucket.WaitFor(1, Start.AddSeconds(39));
        var later = bucket.TryTake(1, Start.AddSeconds(41));

        Assert.True(big);
        Assert.False(right);
        Assert.InRange(wait.TotalSeconds, 1.0, 1.01);
        Assert.True(later);
    }
}

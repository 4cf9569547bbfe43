using CommunityCluster.Thumbs.Routing;

namespace CommunityCluster.Thumbs.Tests;

public sealed class JobTimesSpecs
{
    [Fact]
    public void First_job_should_set_the_estimates_and_later_ones_move_them_by_a_quarter()
    {
        var first = JobTimes.None.With(TimeSpan.FromMilliseconds(1000), photoBytes: 2_000_000, resultBytes: 100_000,
            store: TimeSpan.FromMilliseconds(4000));

        var second = first.With(TimeSpan.FromMilliseconds(2000), photoBytes: 2_000_000, resultBytes: 300_000,
            store: TimeSpan.FromMilliseconds(8000));

        Assert.Equal((1000.0, 500.0, 100_000.0, 1, 4000.0), (first.MsPerJob!.Value, first.MsPerMegabyte!.Value,
            first.ResultBytes!.Value, first.Jobs, first.MsPerStore!.Value));
        Assert.Equal(1250, second.MsPerJob!.Value, 3);
        Assert.Equal(625, second.MsPerMegabyte!.Value, 3);
        Assert.Equal(150_000, second.ResultBytes!.Value, 3);
        Assert.Equal(5000, second.MsPerStore!.Value, 3);
        Assert.Equal(2, second.Jobs);
    }
}

using CommunityCluster.Core.Availability;

namespace CommunityCluster.Core.Tests;

public class WeekScheduleSpecs
{
    private static WeekSchedule Parse(string text, double offsetHours = 0)
    {
        Assert.True(WeekSchedule.TryParse(text, TimeSpan.FromHours(offsetHours), out var schedule, out var error), error);
        return schedule;
    }

    [Fact]
    public void WeekSchedule_should_read_a_nightly_window_that_passes_midnight()
    {
        var nights = Parse("23:00-07:00");

        Assert.Equal(56, Enumerable.Range(0, 168).Sum(nights.OffShare));
        Assert.Equal(1, nights.OffShare(23));
        Assert.Equal(1, nights.OffShare(24 + 6));
        Assert.Equal(0, nights.OffShare(24 + 7));
        Assert.Equal(1, nights.OffShare(0)); // Sunday's night ends on Monday morning
    }

    [Fact]
    public void WeekSchedule_should_read_days_half_hours_and_local_time()
    {
        var work = Parse("mon-fri 09:00-17:30; sun 02:00-04:00", offsetHours: 2);

        Assert.Equal(1, work.OffShare(7)); // 09:00 at UTC+2 is 07:00 UTC
        Assert.Equal(0.5, work.OffShare(15));
        Assert.Equal(0, work.OffShare(5 * 24 + 8)); // Saturday
        Assert.Equal(1, work.OffShare(6 * 24)); // Sunday 02:00 local
        Assert.Equal(5 * 8.5 + 2, Enumerable.Range(0, 168).Sum(work.OffShare));
    }

    [Theory]
    [InlineData("every night")]
    [InlineData("25:00-07:00")]
    [InlineData("08:00-08:00")]
    [InlineData("moon 08:00-09:00")]
    public void WeekSchedule_should_refuse_what_is_not_a_window(string text)
    {
        Assert.False(WeekSchedule.TryParse(text, TimeSpan.Zero, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void WeekSchedule_should_be_empty_when_nothing_is_announced()
    {
        Assert.True(Parse("  ").IsEmpty);
    }
}

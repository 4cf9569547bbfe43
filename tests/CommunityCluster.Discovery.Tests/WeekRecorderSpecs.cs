using CommunityCluster.Core.Availability;
using CommunityCluster.Testing;

namespace CommunityCluster.Discovery.Tests;

public class WeekRecorderSpecs
{
    [Fact]
    public async Task WeekRecorder_should_keep_its_week_across_restarts_and_count_the_time_away_as_off()
    {
        using var folder = new TestFolder("week-recorder");
        var clock = new WeekClock(3600 * 24); // a day of week-clock time per wall-clock second

        var first = new WeekRecorder(folder.Path, clock, WeekSchedule.None);
        first.Start();
        await Eventually.Until(() => clock.Now - first.LastSeen > TimeSpan.FromDays(1), TimeSpan.FromSeconds(10), "a day passes");
        first.Tick();
        var before = first.Profile();
        var second = new WeekRecorder(folder.Path, clock, WeekSchedule.None);
        await Eventually.Until(() => clock.Now - first.LastSeen > TimeSpan.FromDays(2), TimeSpan.FromSeconds(10), "two days pass");
        var away = second.Start();

        Assert.True(File.Exists(Path.Combine(folder.Path, WeekRecorder.FileName)));
        Assert.True(away > TimeSpan.FromDays(2), $"away {away}");
        Assert.True(before.ExpectedOffHours < WeekProfile.Neutral.ExpectedOffHours, "a day on lowers the off hours");
        Assert.True(second.Profile().ExpectedOffHours > before.ExpectedOffHours, "two days off raise them again");
    }

    [Fact]
    public async Task WeekRecorder_should_learn_nothing_from_an_announced_absence()
    {
        using var folder = new TestFolder("week-recorder");
        var clock = new WeekClock(3600 * 24);

        var first = new WeekRecorder(folder.Path, clock, WeekSchedule.None);
        first.Start();
        first.Announce(clock.Now.AddDays(30));
        var before = first.Profile();
        var second = new WeekRecorder(folder.Path, clock, WeekSchedule.None);
        await Eventually.Until(() => clock.Now - first.LastSeen > TimeSpan.FromDays(2), TimeSpan.FromSeconds(10), "two days pass");
        second.Start();

        Assert.NotNull(second.AbsentUntil);
        Assert.Equal(before.ExpectedOffHours, second.Profile().ExpectedOffHours, 0);
    }
}

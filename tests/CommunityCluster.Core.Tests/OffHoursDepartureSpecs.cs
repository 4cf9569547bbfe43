using CommunityCluster.Core.Availability;

namespace CommunityCluster.Core.Tests;

public class OffHoursDepartureSpecs
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private static WeekSchedule Parse(string text)
    {
        Assert.True(WeekSchedule.TryParse(text, TimeSpan.Zero, out var schedule, out var error), error);
        return schedule;
    }

    [Fact]
    public void Departure_should_leave_once_when_the_announced_night_begins_until_it_ends()
    {
        var departure = new OffHoursDeparture(Parse("23:00-07:00"));

        var evening = departure.ShouldLeave(Monday.AddHours(22.9), out _);
        var night = departure.ShouldLeave(Monday.AddHours(23.05), out var until);
        var again = departure.ShouldLeave(Monday.AddHours(23.2), out _);

        Assert.False(evening);
        Assert.True(night);
        Assert.Equal(Monday.AddDays(1).AddHours(7), until);
        Assert.False(again);
    }

    [Fact]
    public void Departure_should_stay_when_started_inside_its_off_hours_until_the_next_window()
    {
        var departure = new OffHoursDeparture(Parse("23:00-07:00"));

        var startedAtNight = departure.ShouldLeave(Monday.AddHours(2), out _);
        var morning = departure.ShouldLeave(Monday.AddHours(8), out _);
        var nextNight = departure.ShouldLeave(Monday.AddHours(23.1), out var until);

        Assert.False(startedAtNight);
        Assert.False(morning);
        Assert.True(nextNight);
        Assert.Equal(Monday.AddDays(1).AddHours(7), until);
    }

    [Theory]
    [InlineData("")]
    [InlineData("none")]
    public void Departure_should_never_leave_a_home_without_off_hours(string text)
    {
        var departure = new OffHoursDeparture(Parse(text));

        var left = Enumerable.Range(0, 168 * 4).Count(quarter => departure.ShouldLeave(Monday.AddHours(quarter / 4.0), out _));

        Assert.Equal(0, left);
    }
}

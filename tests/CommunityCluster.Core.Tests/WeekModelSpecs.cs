using CommunityCluster.Core.Availability;

namespace CommunityCluster.Core.Tests;

public class WeekModelSpecs
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Records whole weeks of a home whose hours follow <paramref name="isOn"/>.</summary>
    private static void Live(WeekModel model, DateTimeOffset from, int weeks, Func<int, bool> isOn)
    {
        for (var hour = 0; hour < weeks * 168; hour++)
            model.Record(from.AddHours(hour), from.AddHours(hour + 1), isOn(hour % 168));
    }

    [Fact]
    public void WeekSlots_should_count_from_monday_midnight_utc()
    {
        Assert.Equal(0, WeekSlots.SlotOf(Monday));
        Assert.Equal(24 + 13, WeekSlots.SlotOf(Monday.AddDays(1).AddHours(13).AddMinutes(59)));
        Assert.Equal(167, WeekSlots.SlotOf(Monday.AddDays(7).AddTicks(-1)));
        Assert.Equal(WeekSlots.SlotOf(Monday.AddHours(5)), WeekSlots.SlotOf(new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.FromHours(2))));
        Assert.Equal(WeekSlots.WeekOf(Monday) + 1, WeekSlots.WeekOf(Monday.AddDays(7)));
    }

    [Fact]
    public void WeekModel_should_start_neutral()
    {
        var profile = new WeekModel().Profile(Monday);

        Assert.All(Enumerable.Range(0, 168), slot => Assert.InRange(profile.Chance(slot), 0.49, 0.51));
        Assert.Equal(WeekProfile.Neutral, profile);
    }

    [Fact]
    public void WeekModel_should_learn_the_hours_a_home_is_off()
    {
        var model = new WeekModel();

        Live(model, Monday, 3, hour => hour % 24 is >= 7 and < 23);
        var profile = model.Profile(Monday.AddDays(21));

        Assert.True(profile.Chance(2) < 0.08, $"3 a.m. Monday: {profile.Chance(2)}");
        Assert.True(profile.Chance(24 * 4 + 12) > 0.9, $"noon Friday: {profile.Chance(24 * 4 + 12)}");
        Assert.InRange(profile.ExpectedOffHours, 7 * 8 - 4, 7 * 8 + 6); // the neutral prior fades over weeks
    }

    [Fact]
    public void WeekModel_should_weigh_recent_weeks_more()
    {
        var model = new WeekModel();

        Live(model, Monday, 3, _ => true);
        Live(model, Monday.AddDays(21), 1, _ => false);
        var profile = model.Profile(Monday.AddDays(28));

        // Three weeks on weigh 0.49 + 0.343 + 0.24 = 1.07 against last week's 0.7 (all decayed
        // once more at the new week): a plain average would say 0.75; decayed, about 0.6.
        Assert.InRange(profile.Chance(10), 0.55, 0.65);
    }

    [Fact]
    public void WeekModel_should_split_an_interval_over_the_slots_it_crosses()
    {
        var model = new WeekModel();

        model.Record(Monday.AddMinutes(30), Monday.AddHours(2).AddMinutes(15), online: true);

        Assert.Equal(0.5, model.ObservedHours[0], 6);
        Assert.Equal(1.0, model.ObservedHours[1], 6);
        Assert.Equal(0.25, model.OnlineHours[2], 6);
        Assert.Equal(0, model.ObservedHours[3]);
    }

    [Fact]
    public void WeekModel_should_count_an_announced_schedule_from_day_one_and_let_observation_correct_it()
    {
        Assert.True(WeekSchedule.TryParse("23:00-07:00", TimeSpan.Zero, out var nights, out _));
        var model = new WeekModel();

        var dayOne = model.Profile(Monday, nights);
        Live(model, Monday, 4, _ => true);
        var corrected = model.Profile(Monday.AddDays(28), nights);

        Assert.Equal(0, dayOne.Chance(2));
        Assert.Equal(1, dayOne.Chance(12));
        Assert.True(corrected.Chance(2) > 0.5, $"after four weeks on at 2 a.m.: {corrected.Chance(2)}");
    }

    [Fact]
    public void WeekModel_should_count_a_home_announced_never_off_as_on_from_day_one()
    {
        Assert.True(WeekSchedule.TryParse("None", TimeSpan.Zero, out var never, out _));
        var model = new WeekModel();

        var dayOne = model.Profile(Monday, never);

        Assert.Same(WeekSchedule.AlwaysOn, never);
        Assert.False(never.IsEmpty);
        Assert.Equal(0, dayOne.ExpectedOffHours, 6);
        Assert.Equal(WeekProfile.Neutral, new WeekModel().Profile(Monday, WeekSchedule.None));
    }
}

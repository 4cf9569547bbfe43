using CommunityCluster.Core.Availability;

namespace CommunityCluster.Core.Tests;

public class AbsenceJudgeSpecs
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromHours(2);

    // Off from 23:00 to 07:00 every night, learned well.
    private static readonly WeekProfile Sleeper = WeekProfile.FromChances(
        [.. Enumerable.Range(0, 168).Select(s => s % 24 is >= 7 and < 23 ? 0.97 : 0.03)]);

    [Fact]
    public void Judge_should_let_a_home_sleep_through_its_usual_night()
    {
        var home = new HomeAbsence(Sleeper, Monday.AddHours(23), AbsentUntil: null);

        Assert.Equal(Absence.Resting, AbsenceJudge.Judge(home, Monday.AddHours(30), Grace));
        Assert.Equal(Absence.Resting, AbsenceJudge.Judge(home, Monday.AddHours(32), Grace)); // 07:00 to 08:00 missed: 1.2 h
        Assert.Equal(Absence.Lost, AbsenceJudge.Judge(home, Monday.AddHours(33), Grace));
    }

    [Fact]
    public void Judge_should_call_a_home_lost_once_it_misses_more_usual_hours_than_the_grace()
    {
        var home = new HomeAbsence(Sleeper, Monday.AddHours(12), AbsentUntil: null);

        Assert.Equal(Absence.Resting, AbsenceJudge.Judge(home, Monday.AddHours(13.5), Grace));
        Assert.Equal(Absence.Lost, AbsenceJudge.Judge(home, Monday.AddHours(14.5), Grace));
    }

    [Fact]
    public void Judge_should_honour_an_announced_absence_and_then_the_pattern()
    {
        var home = new HomeAbsence(Sleeper, Monday.AddHours(12), AbsentUntil: Monday.AddDays(3).AddHours(12));

        Assert.Equal(Absence.Resting, AbsenceJudge.Judge(home, Monday.AddDays(3), Grace));
        Assert.Equal(Absence.Resting, AbsenceJudge.Judge(home, Monday.AddDays(3).AddHours(13), Grace));
        Assert.Equal(Absence.Lost, AbsenceJudge.Judge(home, Monday.AddDays(3).AddHours(15), Grace));
    }

    [Fact]
    public void Judge_should_call_an_unknown_or_long_gone_home_lost()
    {
        Assert.Equal(Absence.Lost, AbsenceJudge.Judge(null, Monday, Grace));
        Assert.Equal(Absence.Lost, AbsenceJudge.Judge(new HomeAbsence(WeekProfile.FromChances(new double[168]), Monday,
            null), Monday.AddDays(31), Grace));
        Assert.Equal(Absence.Lost, AbsenceJudge.Judge(new HomeAbsence(Sleeper, Monday.AddHours(12), null),
            Monday.AddHours(12.1), TimeSpan.Zero));
    }

    [Fact]
    public void WeekClock_should_run_scaled_time_from_a_fixed_origin()
    {
        var fast = new WeekClock(1200);

        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var weekStart = today.AddDays(-WeekSlots.SlotOf(today) / 24);

        // From the wall clock's Monday 00:00 UTC, so a replay may run across midnight.
        Assert.Equal(WeekClock.ScaleOrigin.AddHours(1), fast.At(weekStart.AddSeconds(3)));
        Assert.Equal(WeekClock.ScaleOrigin.AddHours(1200 * 24), fast.At(weekStart.AddDays(1)));
        Assert.Equal(TimeSpan.FromSeconds(3), fast.ToWallClock(TimeSpan.FromHours(1)));
        Assert.Equal(Monday, WeekClock.RealTime.At(Monday));
    }
}

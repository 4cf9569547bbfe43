using CommunityCluster.Core.Availability;

namespace CommunityCluster.Testing.Availability;

/// <summary>
/// A simulated home's habit written as the OFF_HOURS setting its member would announce: every hour
/// of the week that is off in most of the timeline's weeks, so outages (a few hours, seldom twice
/// at the same hour) are left out, as a member would leave them out. A home never usually off
/// announces <c>none</c>, as a NAS owner would: without it the home would start neutral, counted on
/// half the time until weeks of observation, and coverage would avoid the homes that cover best.
/// </summary>
public static class OffHoursText
{
    public static string Of(SimulatedHome home)
    {
        var weeks = home.OnByHour.Length / WeekSlots.Count;
        var windows = new List<string>();
        for (var day = 0; day < 7; day++)
        {
            var hour = 0;
            while (hour < 24)
            {
                if (!UsuallyOff(home, weeks, day, hour))
                {
                    hour++;
                    continue;
                }

                var start = hour;
                while (hour < 24 && UsuallyOff(home, weeks, day, hour))
                    hour++;

                // A window is from-to within the day; a whole day off ends a minute before midnight.
                var end = hour == 24 ? (start == 0 ? "23:59" : "00:00") : $"{hour:00}:00";
                windows.Add($"{WeekProfile.DayNames[day]} {start:00}:00-{end}");
            }
        }

        return windows.Count == 0 ? WeekSchedule.NeverOff : string.Join("; ", windows);
    }

    private static bool UsuallyOff(SimulatedHome home, int weeks, int day, int hour) =>
        Enumerable.Range(0, weeks).Count(w => !home.OnByHour[w * WeekSlots.Count + day * 24 + hour]) * 2 > weeks;
}

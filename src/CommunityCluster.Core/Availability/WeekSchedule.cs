using System.Globalization;
using System.Text.RegularExpressions;

namespace CommunityCluster.Core.Availability;

/// <summary>
/// Hours a home announces it is off, e.g. <c>23:00-07:00</c> (every night) or
/// <c>mon-fri 09:00-17:30; sun 02:00-04:00</c>, written in the home's local time. A window that
/// passes midnight belongs to the day it starts on. Held as the share of each UTC hour slot that
/// is off, so a half-hour window makes half a slot off. <c>none</c> announces a home that is never
/// off (a NAS): it counts as on from day one, where a home that announces nothing starts neutral.
/// </summary>
public sealed partial class WeekSchedule
{
    private const int MinutesPerWeek = WeekSlots.Count * 60;

    private readonly double[] _offShare;

    private WeekSchedule(string text, double[] offShare)
    {
        Text = text;
        _offShare = offShare;
    }

    public static WeekSchedule None { get; } = new("", new double[WeekSlots.Count]);

    /// <summary>The schedule as it was written, for display and for the profile.</summary>
    public string Text { get; }

    public bool IsEmpty => Text.Length == 0;

    /// <summary>The word that announces a home never off.</summary>
    public const string NeverOff = "none";

    public static WeekSchedule AlwaysOn { get; } = new(NeverOff, new double[WeekSlots.Count]);

    public double OffShare(int slot) => _offShare[slot];

    public bool IsOffAt(DateTimeOffset time) => _offShare[WeekSlots.SlotOf(time)] >= 0.5;

    /// <summary>When the off hours that hold at <paramref name="time"/> end: the next hour slot that is on.</summary>
    public DateTimeOffset OffUntil(DateTimeOffset time)
    {
        var slotStart = WeekSlots.SlotStart(time);
        for (var hour = 1; hour <= WeekSlots.Count; hour++)
        {
            var next = slotStart + TimeSpan.FromHours(hour);
            if (!IsOffAt(next))
                return next;
        }

        return time + TimeSpan.FromDays(7); // off all week: a week at most, then judged again
    }

    /// <summary>Parses a schedule written in a time zone <paramref name="utcOffset"/> ahead of UTC.</summary>
    public static bool TryParse(string text, TimeSpan utcOffset, out WeekSchedule schedule, out string error)
    {
        schedule = None;
        error = "";
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
            return true;

        if (trimmed.Equals(NeverOff, StringComparison.OrdinalIgnoreCase))
        {
            schedule = AlwaysOn;
            return true;
        }

        var offMinutes = new bool[MinutesPerWeek];
        foreach (var part in trimmed.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = WindowPattern().Match(part);
            if (!match.Success || !TryDays(match.Groups["days"].Value, out var days))
            {
                error = $"'{part}' is not an off window; write it like 23:00-07:00 or mon-fri 09:00-17:30";
                return false;
            }

            var from = Minutes(match.Groups["from"].Value);
            var to = Minutes(match.Groups["to"].Value);
            if (from < 0 || to < 0 || from == to)
            {
                error = $"'{part}': times run from 00:00 to 23:59, and a window cannot be empty";
                return false;
            }

            var length = (to - from + 1440) % 1440;
            var shift = (int)Math.Round(utcOffset.TotalMinutes);
            foreach (var day in days)
                for (var minute = 0; minute < length; minute++)
                    offMinutes[Mod(day * 1440 + from + minute - shift, MinutesPerWeek)] = true;
        }

        var shares = new double[WeekSlots.Count];
        for (var slot = 0; slot < WeekSlots.Count; slot++)
            shares[slot] = offMinutes.AsSpan(slot * 60, 60).Count(true) / 60.0;

        schedule = new WeekSchedule(trimmed, shares);
        return true;
    }

    private static bool TryDays(string text, out IReadOnlyList<int> days)
    {
        days = [.. Enumerable.Range(0, 7)];
        if (text.Length == 0)
            return true;

        var list = new List<int>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = item.Split('-');
            var first = DayIndex(ends[0]);
            var last = ends.Length == 2 ? DayIndex(ends[1]) : first;
            if (first < 0 || last < 0 || ends.Length > 2)
                return false;

            for (var day = first; ; day = (day + 1) % 7)
            {
                list.Add(day);
                if (day == last)
                    break;
            }
        }

        days = list;
        return true;
    }

    private static int DayIndex(string name) =>
        WeekProfile.DayNames.ToList().IndexOf(name.Trim().ToLowerInvariant());

    private static int Minutes(string hhmm)
    {
        var parts = hhmm.Split(':');
        var hours = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var minutes = int.Parse(parts[1], CultureInfo.InvariantCulture);
        return hours < 24 && minutes < 60 ? hours * 60 + minutes : -1;
    }

    private static int Mod(int value, int modulus) => ((value % modulus) + modulus) % modulus;

    private const string DaysPattern = @"(?<days>[A-Za-z]{3}(-[A-Za-z]{3})?(,[A-Za-z]{3}(-[A-Za-z]{3})?)*)?";

    [GeneratedRegex("^" + DaysPattern + @"\s*(?<from>\d{1,2}:\d{2})\s*-\s*(?<to>\d{1,2}:\d{2})$")]
    private static partial Regex WindowPattern();
}

namespace CommunityCluster.Testing.Availability;

/// <summary>The habits of the homes in issue 10's community.</summary>
public enum HomeHabit
{
    AlwaysOn,
    OffAtNight,
    OffOnWorkdays,
}

/// <summary>One simulated home: its habit and, hour by hour from the simulation's start, whether it is on.</summary>
public sealed record SimulatedHome(string HomeId, HomeHabit Habit, bool[] OnByHour);

/// <summary>
/// A seeded generator of homes as issue 10 describes the community: a quarter always on, a fifth
/// off on weekday working hours, the rest off at night; each home keeps its own bedtime and
/// working hours give or take an hour from day to day, and every home has random outages (about
/// 3 % of its hours, 1 to 12 hours each). Hour 0 is a Monday 00:00.
/// </summary>
public static class HomeSchedules
{
    public const double OutageStartChance = 0.005;

    public static IReadOnlyList<SimulatedHome> Generate(int homes, int weeks, int seed)
    {
        var alwaysOn = (int)Math.Round(homes * 0.25);
        var workdays = (int)Math.Round(homes * 0.2);
        return Generate(alwaysOn, workdays, homes - alwaysOn - workdays, weeks, seed);
    }

    /// <summary>A mix given by count: the always-on homes first, then the workday ones, then the night ones.</summary>
    public static IReadOnlyList<SimulatedHome> Generate(int alwaysOn, int workdays, int atNight, int weeks, int seed)
    {
        var random = new Random(seed);
        var list = new List<SimulatedHome>();
        for (var i = 0; i < alwaysOn + workdays + atNight; i++)
        {
            var habit = i < alwaysOn ? HomeHabit.AlwaysOn : i < alwaysOn + workdays ? HomeHabit.OffOnWorkdays : HomeHabit.OffAtNight;
            list.Add(new SimulatedHome($"home-{i:00}", habit, Timeline(habit, weeks * 168, random)));
        }

        return list;
    }

    private static bool[] Timeline(HomeHabit habit, int hours, Random random)
    {
        var on = new bool[hours];
        var bedtime = 22 + random.Next(3);
        var wake = 6 + random.Next(3);
        var leave = 8 + random.Next(2);
        var back = 17 + random.Next(2);
        for (var hour = 0; hour < hours; hour++)
        {
            var day = hour / 24 % 7;
            var clock = hour % 24;
            var jitter = random.NextDouble() < 0.3 ? random.Next(-1, 2) : 0;
            on[hour] = habit switch
            {
                HomeHabit.OffAtNight => clock >= wake + jitter && clock < bedtime + jitter,
                HomeHabit.OffOnWorkdays => day >= 5 || clock < leave + jitter || clock >= back + jitter,
                _ => true,
            };
        }

        for (var hour = 0; hour < hours; hour++)
        {
            if (random.NextDouble() >= OutageStartChance)
                continue;

            var length = 1 + random.Next(12);
            for (var h = hour; h < Math.Min(hours, hour + length); h++)
                on[h] = false;
        }

        return on;
    }
}

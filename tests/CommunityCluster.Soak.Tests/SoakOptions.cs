using System.Globalization;

namespace CommunityCluster.Soak.Tests;

/// <summary>
/// A soak's length and seed: CC_SOAK_MINUTES (default 2, the CI run; fractions allowed) and
/// CC_SOAK_SEED (default 9, so CI replays the same schedule; any integer replays its own).
/// </summary>
public sealed record SoakOptions(TimeSpan Duration, int Seed, int Homes)
{
    public const int DefaultSeed = 9;

    public static SoakOptions FromEnvironment()
    {
        var minutes = Environment.GetEnvironmentVariable("CC_SOAK_MINUTES") is { Length: > 0 } m
            ? double.Parse(m, CultureInfo.InvariantCulture)
            : 2;
        var seed = Environment.GetEnvironmentVariable("CC_SOAK_SEED") is { Length: > 0 } s
            ? int.Parse(s, CultureInfo.InvariantCulture)
            : DefaultSeed;
        return new SoakOptions(TimeSpan.FromMinutes(minutes), seed, Homes: 5);
    }

    /// <summary>Repair after the heal may take longer after a long run, with more photos to check.</summary>
    public TimeSpan RepairWithin => TimeSpan.FromSeconds(Math.Max(180, Duration.TotalSeconds / 2));
}

namespace CommunityCluster.Core.Availability;

/// <summary>
/// A home's week as others see it: for each of the 168 hour slots, the chance that the home is
/// online, quantised to a byte (0 = always off, 255 = always on). 168 bytes on the wire, so that
/// a community of 30 homes publishes about 7 KB of weeks.
/// </summary>
public sealed record WeekProfile
{
    private const double Scale = 255.0;

    public WeekProfile(byte[] chances)
    {
        if (chances.Length != WeekSlots.Count)
            throw new ArgumentException($"a week has {WeekSlots.Count} slots, not {chances.Length}", nameof(chances));

        Chances = chances;
    }

    /// <summary>The quantised chances; serialized as they are (base64 in JSON).</summary>
    public byte[] Chances { get; }

    /// <summary>What is assumed of a home nobody knows anything about yet: on half the time, every hour.</summary>
    public static WeekProfile Neutral { get; } = FromChances(Enumerable.Repeat(0.5, WeekSlots.Count).ToArray());

    public static WeekProfile AlwaysOn { get; } = FromChances(Enumerable.Repeat(1.0, WeekSlots.Count).ToArray());

    public static WeekProfile FromChances(IReadOnlyList<double> chances) =>
        new([.. chances.Select(c => (byte)Math.Round(Math.Clamp(c, 0, 1) * Scale))]);

    public double Chance(int slot) => Chances[slot] / Scale;

    public double ChanceAt(DateTimeOffset time) => Chance(WeekSlots.SlotOf(time));

    /// <summary>Hours of the week this home is expected to be off.</summary>
    public double ExpectedOffHours => Enumerable.Range(0, WeekSlots.Count).Sum(s => 1 - Chance(s));

    /// <summary>
    /// The usual hours as a 24-character line per day for people: '#' usually on (at least 3 in 4),
    /// '+' often, '.' seldom, ' ' off.
    /// </summary>
    public IReadOnlyList<string> Chart() =>
        [.. Enumerable.Range(0, 7).Select(day =>
            new string([.. Enumerable.Range(0, 24).Select(h => Glyph(Chance(day * 24 + h)))]))];

    /// <summary>The same in one short line: hours on per day, Monday first.</summary>
    public string Summary() =>
        string.Join(" ", Enumerable.Range(0, 7).Select(day =>
            $"{DayNames[day]} {Enumerable.Range(0, 24).Sum(h => Chance(day * 24 + h)):0}h"));

    public static readonly IReadOnlyList<string> DayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    public bool Equals(WeekProfile? other) => other is not null && Chances.AsSpan().SequenceEqual(other.Chances);

    public override int GetHashCode() => Convert.ToBase64String(Chances).GetHashCode(StringComparison.Ordinal);

    private static char Glyph(double chance) => chance switch
    {
        >= 0.75 => '#',
        >= 0.4 => '+',
        >= 0.1 => '.',
        _ => ' ',
    };
}

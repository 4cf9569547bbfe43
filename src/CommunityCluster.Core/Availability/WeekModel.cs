namespace CommunityCluster.Core.Availability;

/// <summary>
/// What one home learns of its own week: for each hour slot, hours observed and hours online,
/// both multiplied by <see cref="Decay"/> at every week boundary, so last week counts fully, the
/// one before 0.7, then 0.49... A habit that changes is followed within two or three weeks.
/// The chance of a slot blends a prior with what was observed: a new home starts neutral (on half
/// the time, held lightly), while an announced schedule is held as firmly as weeks of learning,
/// so it counts from day one and real observation still corrects it over the following weeks.
/// </summary>
public sealed class WeekModel
{
    public const double Decay = 0.7;

    /// <summary>
    /// How many observed hours of one slot a neutral prior is worth: an hour of data outweighs it,
    /// and a slot never seen online settles near 3 % (0.1 / (0.2 + 1 / (1 − decay))).
    /// </summary>
    public const double NeutralPriorHours = 0.2;

    /// <summary>
    /// An announced slot weighs about what the last two weeks of observation do (1 + 0.7): it is
    /// the whole truth on day one, and four weeks that contradict it outweigh it.
    /// </summary>
    public const double AnnouncedPriorHours = 1.5;

    private readonly double[] _online;
    private readonly double[] _observed;

    public WeekModel()
        : this(long.MinValue, new double[WeekSlots.Count], new double[WeekSlots.Count])
    {
    }

    public WeekModel(long week, double[] online, double[] observed)
    {
        if (online.Length != WeekSlots.Count || observed.Length != WeekSlots.Count)
            throw new ArgumentException($"a week model has {WeekSlots.Count} slots");

        Week = week;
        _online = online;
        _observed = observed;
    }

    /// <summary>The week the figures are decayed to; <see cref="long.MinValue"/> before any observation.</summary>
    public long Week { get; private set; }

    public IReadOnlyList<double> OnlineHours => _online;

    public IReadOnlyList<double> ObservedHours => _observed;

    /// <summary>Records that the home was online (or off) over [from, to).</summary>
    public void Record(DateTimeOffset from, DateTimeOffset to, bool online)
    {
        foreach (var (start, length) in WeekSlots.Pieces(from, to))
        {
            AdvanceTo(WeekSlots.WeekOf(start));
            var slot = WeekSlots.SlotOf(start);
            _observed[slot] += length.TotalHours;
            if (online)
                _online[slot] += length.TotalHours;
        }
    }

    /// <summary>The week as published, as of <paramref name="now"/>, with the announced schedule if any.</summary>
    public WeekProfile Profile(DateTimeOffset now, WeekSchedule? announced = null)
    {
        AdvanceTo(WeekSlots.WeekOf(now));
        var chances = new double[WeekSlots.Count];
        for (var slot = 0; slot < WeekSlots.Count; slot++)
        {
            var (prior, weight) = announced is { IsEmpty: false }
                ? (1 - announced.OffShare(slot), AnnouncedPriorHours)
                : (0.5, NeutralPriorHours);
            chances[slot] = (prior * weight + _online[slot]) / (weight + _observed[slot]);
        }

        return WeekProfile.FromChances(chances);
    }

    private void AdvanceTo(long week)
    {
        if (Week == long.MinValue || week <= Week)
        {
            Week = Math.Max(Week, week);
            return;
        }

        var factor = Math.Pow(Decay, Math.Min(week - Week, 100));
        for (var slot = 0; slot < WeekSlots.Count; slot++)
        {
            _online[slot] *= factor;
            _observed[slot] *= factor;
        }

        Week = week;
    }
}

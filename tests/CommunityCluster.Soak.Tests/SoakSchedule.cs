namespace CommunityCluster.Soak.Tests;

/// <summary>
/// The faults' schedule, drawn from the seed alone: after a gap of 4 to 10 s, the next fault of
/// a shuffled round of every kind the machine allows, on a home drawn at random, for a drawn
/// length. Shuffled rounds rather than independent draws, so even a two-minute run meets every
/// kind. A step that finds its home busy or the down budget spent is printed as skipped and its
/// kind waits for the next step; so the same seed replays the same draws, and the journal shows
/// where a slower or faster machine made a step land differently.
/// </summary>
public sealed class SoakSchedule(Random random, IReadOnlyList<SoakFault> kinds, int homes)
{
    private readonly Queue<SoakFault> _round = new();

    public TimeSpan NextGap() => TimeSpan.FromSeconds(random.Next(4, 11));

    public (SoakFault Fault, int Home, int Seconds) Draw()
    {
        if (_round.Count == 0)
        {
            foreach (var kind in kinds.OrderBy(_ => random.Next()))
                _round.Enqueue(kind);
        }

        var fault = _round.Peek();
        return (fault, random.Next(homes), fault.DrawSeconds(random));
    }

    /// <summary>The drawn fault was started: the round moves on to its next kind.</summary>
    public void Started() => _round.Dequeue();
}

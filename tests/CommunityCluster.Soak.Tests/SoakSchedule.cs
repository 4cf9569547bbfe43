namespace CommunityCluster.Soak.Tests;

/// <summary>
/// The faults' schedule, drawn from the seed alone: after a gap of 4 to 10 s, the next fault of
/// a shuffled round of every kind the machine allows, on a home drawn at random, for a drawn
/// length. Shuffled rounds rather than independent draws, so even a two-minute run meets most
/// kinds. A step that finds its home busy or the down budget spent is printed as skipped and the
/// round moves on all the same: the draws never depend on how the run went, so a seed replays
/// the same steps exactly, and the journal shows which of them a slower or faster machine
/// skipped.
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

        var fault = _round.Dequeue();
        return (fault, random.Next(homes), fault.DrawSeconds(random));
    }
}

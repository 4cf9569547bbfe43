using Akka.Actor;
using Akka.Event;

namespace CommunityCluster.Photos.Repair;

/// <summary>
/// The periodic passes of repair (audit, replication scan, rebalance) ask the local replicator
/// and chunk store. On a starved box (found by the soak: finding 6) such an ask can time out.
/// That is no fault of the data: the pass is skipped with a warning and the next one, a few
/// seconds later, does the work. Left unhandled, the timeout would restart the actor with an
/// error line and lose its timers' rhythm.
/// </summary>
public static class StarvedPass
{
    /// <summary>
    /// Runs one pass; an ask that timed out ends it with a warning instead of an exception.
    /// <paramref name="then"/> says who does the work instead (the next pass, by default).
    /// </summary>
    public static async Task Run(
        ILoggingAdapter log, string pass, Func<Task> work, string then = "the next pass retries")
    {
        try
        {
            await work();
        }
        catch (AskTimeoutException e)
        {
            log.Warning("{Pass} skipped: a local ask timed out ({Reason}); {Then}", pass, e.Message, then);
        }
    }
}

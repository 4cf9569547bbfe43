namespace CommunityCluster.Hosting;

/// <summary>
/// Decides when a cluster singleton counts as stuck on this home: this home has been the
/// singleton's oldest member, and the singleton has not been running here, for the whole grace
/// period. Pure, so it is tested with hand-made observations; <see cref="SingletonWatch"/> does
/// the looking and the leaving.
/// </summary>
public sealed class SingletonJudge(TimeSpan grace)
{
    private readonly Dictionary<string, DateTime> _missingSince = new(StringComparer.Ordinal);

    /// <summary>
    /// Records one look at a singleton. True once it has been missing on the oldest home for the
    /// grace period without a break: any look that finds it running, or finds another member the
    /// oldest, starts the count again.
    /// </summary>
    public bool MissingLongEnough(string singletonPath, bool selfIsOldest, bool running, DateTime now)
    {
        if (!selfIsOldest || running)
        {
            _missingSince.Remove(singletonPath);
            return false;
        }

        if (!_missingSince.TryGetValue(singletonPath, out var since))
            _missingSince[singletonPath] = since = now;
        return now - since >= grace;
    }

    /// <summary>
    /// Forgets a singleton's count, for a look that could not be made (this home not yet the
    /// oldest, say), so a later run of missing looks starts from zero.
    /// </summary>
    public void Forget(string singletonPath) => _missingSince.Remove(singletonPath);

    /// <summary>How long the singleton has been missing, for the log line that explains a leave.</summary>
    public TimeSpan MissingFor(string singletonPath, DateTime now) =>
        _missingSince.TryGetValue(singletonPath, out var since) ? now - since : TimeSpan.Zero;
}

namespace CommunityCluster.Testing;

/// <summary>
/// Waits for a condition with a deadline instead of sleeping and hoping: polls often, fails with
/// a message that says what was awaited and what was last seen.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<T> Until<T>(
        Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        T last = default!;
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await probe();
                lastError = null;
                if (done(last))
                    return last;
            }
            // A process that exited will not answer later: that ends the wait at once, with its log
            // tail, instead of at the deadline (the soak's restarts depend on it, seed 42).
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or InvalidOperationException
                                      && e is not ProcessExitedException)
            {
                lastError = e;
            }

            await Task.Delay(PollInterval);
        }

        var seen = lastError is not null ? $"last error: {lastError.Message}"
            : describe is not null && last is not null ? $"last seen: {describe(last)}" : $"last seen: {last}";
        throw new TimeoutException($"waited {timeout.TotalSeconds:0.#} s for {what}; {seen}");
    }

    public static Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        Until(condition, ok => ok, timeout, what);

    public static Task Until(Func<bool> condition, TimeSpan timeout, string what) =>
        Until(() => Task.FromResult(condition()), ok => ok, timeout, what);
}

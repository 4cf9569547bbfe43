using System.Diagnostics;

namespace CommunityCluster.Photos.Repair;

/// <summary>
/// Keeps a stream of work under a byte rate: after each spend it waits as long as the bytes
/// spent so far are ahead of the rate. Used so repair traffic leaves room for reads.
/// </summary>
public sealed class Pacer(long bytesPerSecond)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _spent;

    public Task Spend(long bytes)
    {
        _spent += bytes;
        var due = TimeSpan.FromSeconds((double)_spent / bytesPerSecond);
        var ahead = due - _clock.Elapsed;
        if (ahead <= TimeSpan.Zero)
        {
            // Idle time does not bank credit beyond a second's worth.
            if (-ahead > TimeSpan.FromSeconds(1))
            {
                _clock.Restart();
                _spent = 0;
            }

            return Task.CompletedTask;
        }

        return Task.Delay(ahead);
    }
}

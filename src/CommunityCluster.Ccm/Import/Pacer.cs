using System.Diagnostics;

namespace CommunityCluster.Ccm.Import;

/// <summary>
/// The upload bandwidth cap, shared by every file sent at once: a token bucket holding at most a
/// quarter of a second of bytes, so the uplink never sees a burst much above the cap. Callers ask
/// for small pieces (64 KiB), which keeps a slow cap smooth. No cap: never waits.
/// </summary>
public sealed class Pacer(long? bytesPerSecond)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private double _tokens;
    private TimeSpan _last;

    public async Task WaitAsync(int bytes, CancellationToken cancel)
    {
        if (bytesPerSecond is not { } rate)
            return;

        TimeSpan wait;
        lock (_gate)
        {
            var now = _clock.Elapsed;
            _tokens = Math.Min(rate / 4.0, _tokens + (now - _last).TotalSeconds * rate);
            _last = now;
            _tokens -= bytes;
            wait = _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / rate);
        }

        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, cancel);
    }
}

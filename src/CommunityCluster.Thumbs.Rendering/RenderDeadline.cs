using System.Diagnostics;
using NetVips;

namespace CommunityCluster.Thumbs.Rendering;

/// <summary>
/// The time one render may take. It is read from the clock inside libvips's progress callback,
/// not only from a timer: a timer fires on a thread-pool thread, which comes late on a busy
/// machine (CI saw a 24 MP render end as Rendered past a 30 ms deadline). The clock cannot be late.
/// The caller's cancellation counts as past the deadline too.
/// </summary>
internal sealed class RenderDeadline(TimeSpan timeout, CancellationToken cancel)
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public bool IsCancelled => cancel.IsCancellationRequested;

    public bool IsPast => cancel.IsCancellationRequested || Stopwatch.GetElapsedTime(_start) > timeout;

    public void ThrowIfPast()
    {
        if (IsPast)
            throw new OperationCanceledException("the render is past its deadline");
    }

    /// <summary>Stops <paramref name="image"/>'s evaluation at the first progress report past the deadline.</summary>
    public void Watch(Image image) => image.SetProgress(new Killer(this, image), cancel);

    private sealed class Killer(RenderDeadline deadline, Image image) : IProgress<int>
    {
        public void Report(int value)
        {
            if (deadline.IsPast)
                image.SetKill(true);
        }
    }
}

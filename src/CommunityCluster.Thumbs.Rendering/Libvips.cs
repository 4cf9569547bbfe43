using NetVips;

namespace CommunityCluster.Thumbs.Rendering;

/// <summary>
/// The process-wide settings of libvips, applied once before the first render:
/// - no operation cache: a decoded photo must not stay in memory after its job, and the same photo
///   is never rendered twice on purpose;
/// - loaders marked untrusted (ImageMagick, PDF, FITS, MATLAB...) are blocked; only the loader the
///   sniffed format names is ever accepted (<see cref="HeaderFence"/>);
/// - <see cref="RenderLimits.Threads"/> threads per render;
/// - libvips's warnings (one per bad scanline of a hostile file) are not printed.
/// </summary>
public static class Libvips
{
    private static readonly Lock Gate = new();
    private static bool _configured;
    private static uint _warnings;

    /// <summary>The id of the handler that drops libvips's warnings; 0 until configured.</summary>
    public static uint WarningHandler => _warnings;

    /// <summary>True when libvips loaded: Debian's libvips42 (or any libvips.so.42 on the library path).</summary>
    public static bool IsAvailable => ModuleInitializer.VipsInitialized;

    /// <summary>Why libvips is not available, for a "renderer missing" state and the log.</summary>
    public static string MissingReason =>
        $"libvips could not be loaded ({ModuleInitializer.Exception?.Message ?? "unknown reason"}); install Debian's libvips42";

    /// <summary>"8.14.1", or "none".</summary>
    public static string Version =>
        IsAvailable ? $"{NetVips.NetVips.Version(0)}.{NetVips.NetVips.Version(1)}.{NetVips.NetVips.Version(2)}" : "none";

    public static void Configure(RenderLimits limits)
    {
        lock (Gate)
        {
            if (_configured || !IsAvailable)
                return;

            Cache.Max = 0;
            Cache.MaxMem = 0;
            Cache.MaxFiles = 0;
            NetVips.NetVips.Concurrency = Math.Max(1, limits.Threads);
            NetVips.NetVips.BlockUntrusted = true;

            // A hostile file makes libvips print a warning per bad scanline to stderr; the outcome
            // (a no-preview reason) already says what matters, so warnings are dropped here.
            _warnings = Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning, (_, _, _) => { });
            _configured = true;
        }
    }
}

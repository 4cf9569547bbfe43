using CommunityCluster.Testing;

namespace CommunityCluster.Thumbs.Rendering.Tests;

/// <summary>
/// A fact that renders: skipped, with the reason printed, where libvips cannot be loaded (a
/// machine where build.fsx's prerequisites did not run as root), and, with <see cref="NeedsCorpus"/>,
/// where the shared corpus is absent.
/// </summary>
public sealed class LibvipsFactAttribute : FactAttribute
{
    public LibvipsFactAttribute(bool needsCorpus = false) => Skip = LibvipsSkip.Reason(needsCorpus);
}

public sealed class LibvipsTheoryAttribute : TheoryAttribute
{
    public LibvipsTheoryAttribute(bool needsCorpus = false) => Skip = LibvipsSkip.Reason(needsCorpus);
}

internal static class LibvipsSkip
{
    public static string? Reason(bool needsCorpus) =>
        !Libvips.IsAvailable ? Libvips.MissingReason
        : needsCorpus && !SharedData.IsPresent ? SharedData.AbsentReason
        : null;
}

namespace CommunityCluster.Core.Storage;

/// <summary>How replicas are chosen: by the hours each home is on (the default), or at random for comparison.</summary>
public enum PlacementMode
{
    Coverage,
    Random,
}

public static class PlacementModes
{
    public static readonly IReadOnlyList<string> Names = ["coverage", "random"];

    public static string Name(this PlacementMode mode) => mode == PlacementMode.Random ? "random" : "coverage";

    public static bool TryParse(string text, out PlacementMode mode)
    {
        var name = text.Trim().ToLowerInvariant();
        mode = name == "random" ? PlacementMode.Random : PlacementMode.Coverage;
        return Names.Contains(name);
    }

    /// <summary>
    /// Chooses by the mode: <paramref name="kept"/> are the replicas that stay (repair), whose
    /// homes are taken already and whose hours coverage placement completes.
    /// </summary>
    public static IReadOnlyList<PlacementCandidate> Choose(
        this PlacementMode mode, IEnumerable<PlacementCandidate> candidates, int replicas, long photoBytes,
        string photoId, IReadOnlyCollection<string>? exclude = null, IReadOnlyList<PlacementCandidate>? kept = null) =>
        mode == PlacementMode.Random
            ? Placement.Choose(candidates, replicas, photoBytes, photoId, exclude)
            : CoveragePlacement.Choose(candidates, replicas, photoBytes, photoId, exclude, kept);
}

namespace CommunityCluster.Core.Settings;

/// <summary>
/// How the community keeps photos. The photo entity applies the policy of the node it runs on,
/// so every node should be given the same values.
/// </summary>
/// <param name="ReplicationFactor">Copies of each photo, spread over distinct homes first.</param>
/// <param name="WriteQuorum">Copies that must hold every chunk before an upload is acknowledged.</param>
/// <param name="MaxUploadBytes">Largest file one upload may carry.</param>
/// <param name="DeleteGrace">How long a deleted photo's chunks stay on disk before they are freed.</param>
public sealed record StoragePolicy(int ReplicationFactor, int WriteQuorum, long MaxUploadBytes, TimeSpan DeleteGrace)
{
    /// <summary>
    /// How long an unfinished resumable upload keeps its bytes on the web node after the last ones
    /// arrived; an import resumed later than this starts that file again.
    /// </summary>
    public TimeSpan UploadExpiry { get; init; } = TimeSpan.FromHours(24);

    public static readonly StoragePolicy Default = new(3, 2, 500_000_000, TimeSpan.FromHours(24));
}

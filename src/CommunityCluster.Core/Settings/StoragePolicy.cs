using CommunityCluster.Core.Availability;
using CommunityCluster.Core.Storage;

namespace CommunityCluster.Core.Settings;

/// <summary>
/// How the community keeps photos. The photo entity applies the policy of the node it runs on,
/// so every node should be given the same values.
/// </summary>
/// <param name="ReplicationFactor">Copies of each photo, spread over distinct homes first.</param>
/// <param name="WriteQuorum">Copies that must hold every chunk before an upload is acknowledged.</param>
/// <param name="MaxUploadBytes">Largest file one upload may carry.</param>
/// <param name="DeleteGrace">How long a deleted photo's chunks stay on disk before they are freed.</param>
/// <param name="Placement">Replicas chosen by the hours homes are on, or at random (for comparison).</param>
/// <param name="AbsenceGrace">
/// Usual online hours a home may miss before its replicas stop counting (README, "Placement by the
/// hours each home is on").
/// </param>
/// <param name="TimeScale">How fast the week clock runs: 1 in real use, more in replay tests.</param>
public sealed record StoragePolicy(
    int ReplicationFactor, int WriteQuorum, long MaxUploadBytes, TimeSpan DeleteGrace,
    PlacementMode Placement = PlacementMode.Coverage, TimeSpan? AbsenceGrace = null, double TimeScale = 1)
{
    /// <summary>
    /// How long an unfinished resumable upload keeps its bytes on the web node after the last ones
    /// arrived; an import resumed later than this starts that file again.
    /// </summary>
    public TimeSpan UploadExpiry { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Bytes a second the background rebalancer may move, community-wide: 32 kB/s, a quarter of a
    /// 1 Mbit/s ADSL uplink, so moves never take a home's link from reads and uploads. About 2.7 GB
    /// a day: a community's photos follow a change of habits within days, not minutes.
    /// </summary>
    public long RebalanceBytesPerSecond { get; init; } = 32_000;

    /// <summary>How often the rebalancer compares every photo's homes with what placement would choose now.</summary>
    public TimeSpan RebalanceInterval { get; init; } = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan DefaultAbsenceGrace = TimeSpan.FromHours(2);

    public static readonly StoragePolicy Default = new(3, 2, 500_000_000, TimeSpan.FromHours(24));

    public TimeSpan Grace => AbsenceGrace ?? DefaultAbsenceGrace;

    public WeekClock Clock => TimeScale == 1 ? WeekClock.RealTime : new WeekClock(TimeScale);
}

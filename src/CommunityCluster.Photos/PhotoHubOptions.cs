using CommunityCluster.Core.Settings;

namespace CommunityCluster.Photos;

/// <summary>PhotoHub's settings on one node: the community's storage policy plus this node's own.</summary>
public sealed record PhotoHubOptions(string NodeId, string DataDirectory, long QuotaBytes, StoragePolicy Policy)
{
    /// <summary>How often each node checks its disk against the manifests and scrubs some chunks.</summary>
    public TimeSpan AuditInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the repair monitor looks for photos with too few live copies.</summary>
    public TimeSpan RepairScanInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Chunks re-hashed per audit pass; at 15 s and 1 MiB chunks, about 4 MB/min of disk reads.</summary>
    public int ScrubChunksPerPass { get; init; } = 4;

    /// <summary>Repair traffic a node pulls per second at most, so repairs never starve reads.</summary>
    public long RepairBytesPerSecond { get; init; } = 8_000_000;

    /// <summary>A chunk no manifest references is freed only once this old: an upload may be about to commit it.</summary>
    public TimeSpan OrphanGrace { get; init; } = TimeSpan.FromHours(6);

    public string UploadTempFolder => Path.Combine(DataDirectory, "tmp", "uploads");
}

using CommunityCluster.Core.Security;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Node.Startup;

/// <summary>
/// The settings after the checks that need the machine: a quota in bytes, a writable data folder,
/// and the TLS material loaded and checked (null: plain TCP).
/// </summary>
public sealed record ResolvedNodeSettings(NodeSettings Settings, long StorageQuotaBytes, DateTimeOffset StartedAt,
    MemberTls? Tls = null)
{
    /// <summary>The seeds in this node's transport protocol (akka.ssl.tcp with TLS).</summary>
    public IReadOnlyList<SeedAddress> Seeds => SeedAddress.ForTransport(Settings.Seeds, Tls is not null);
}

using CommunityCluster.Core.Settings;

namespace CommunityCluster.Node.Startup;

/// <summary>The settings after the checks that need the machine: a quota in bytes, a writable data folder.</summary>
public sealed record ResolvedNodeSettings(NodeSettings Settings, long StorageQuotaBytes, DateTimeOffset StartedAt);

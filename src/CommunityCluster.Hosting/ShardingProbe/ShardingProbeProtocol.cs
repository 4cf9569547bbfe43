namespace CommunityCluster.Hosting.ShardingProbe;

/// <summary>Marks the sharding probe's wire contract.</summary>
public interface IShardingProbeMessage;

/// <summary>Starts (or reaches) the probe entity <paramref name="EntityId"/> and asks where it lives.</summary>
public sealed record WhereAreYou(string EntityId) : IShardingProbeMessage;

/// <summary>The probe entity's answer: the member hosting it.</summary>
public sealed record HostedAt(string EntityId, string Address) : IShardingProbeMessage;

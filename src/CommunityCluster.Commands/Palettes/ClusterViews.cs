namespace CommunityCluster.Commands.Palettes;

/// <summary>One member in <c>cluster show</c>.</summary>
public sealed record MemberLine(
    string Address, IReadOnlyList<string> Roles, string Status, bool Reachable, string Version);

public sealed record ClusterShow(
    string Self, string? Leader, int Count, int Up, int Unreachable, IReadOnlyList<MemberLine> Members);

public sealed record ClusterStatus(
    string Member,
    string Status,
    IReadOnlyList<string> Roles,
    string Version,
    string? Leader,
    bool IsLeader,
    int Members,
    IReadOnlyList<string> Unreachable);

public sealed record RoleLeader(string Role, string? Leader);

public sealed record ClusterLeader(string? Leader, IReadOnlyList<RoleLeader> Roles);

/// <summary>What <c>join</c>, <c>leave</c> or <c>down</c> did to a member.</summary>
public sealed record MemberAction(string Member, string Action, string? Through);

public sealed record DownedMembers(IReadOnlyList<string> Downed);

/// <summary>One membership or reachability event in <c>cluster tail</c>.</summary>
public sealed record MemberEvent(
    string Event,
    string Member,
    string? Status,
    IReadOnlyList<string>? Roles,
    DateTimeOffset At,
    string? Detail = null);

public sealed record ShardRegionLine(
    string Type, int ShardsHere, int EntitiesHere, int Regions, int Shards, int Entities);

public sealed record ShardingRegions(string Member, IReadOnlyList<ShardRegionLine> Regions);

public sealed record RegionStatsLine(string Member, int Shards, int Entities, IReadOnlyList<string> FailedShards);

public sealed record RegionStats(string Type, int Shards, int Entities, IReadOnlyList<RegionStatsLine> Regions);

public sealed record ShardStatsLine(string Shard, string Member, int Entities);

public sealed record ShardStats(string Type, IReadOnlyList<ShardStatsLine> Shards);

using System.Globalization;
using Akka.Actor;
using Akka.Cluster.Sharding;
using CommunityCluster.Commands.Protocol;

namespace CommunityCluster.Commands.Palettes;

/// <summary>
/// <c>cluster sharding ...</c>: the shard regions this member runs, and the statistics that the
/// shard coordinator gathers from every region (<see cref="GetClusterShardingStats"/>).
/// </summary>
public sealed partial class ClusterPalette
{
    private const string TypeHelp = "the entity type name of a shard region, as 'cluster sharding regions' lists them";

    private IEnumerable<PaletteCommand> ShardingCommands() =>
    [
        new("sharding regions", "the shard regions on this member, with their shards and entities here and in all",
            [], Regions),
        new("sharding region-stats", "for one entity type: shards and entities in each member's region",
            [Required("type", TypeHelp, 't')], RegionStatsOf),
        new("sharding shard-stats", "for one entity type: every shard, the member hosting it and its entities",
            [Required("type", TypeHelp, 't')], ShardStatsOf),
    ];

    private async Task<CommandOutput> Regions(CommandContext context)
    {
        var sharding = ClusterSharding.Get(system);
        var lines = new List<ShardRegionLine>();
        foreach (var type in sharding.ShardTypeNames.Order(StringComparer.Ordinal))
        {
            var region = sharding.ShardRegion(type);
            var here = await region.Ask<CurrentShardRegionState>(
                GetShardRegionState.Instance, context.Timeout, context.Cancellation);
            var all = (await ClusterStatsAsync(type, context)).Regions.Values;
            lines.Add(new ShardRegionLine(type, here.Shards.Count, here.Shards.Sum(s => s.EntityIds.Count),
                all.Count(), all.Sum(r => r.Stats.Count), all.Sum(r => r.Stats.Values.Sum())));
        }

        var data = new ShardingRegions(_cluster.SelfAddress.ToString(), lines);
        if (lines.Count == 0)
            return new CommandResult(data, ViewBlock.Text($"no shard region runs on {data.Member}"));

        return new CommandResult(data, ViewBlock.Table(null,
            [Views.Column("TYPE"), Views.Number("SHARDS HERE"), Views.Number("ENTITIES HERE"), Views.Number("REGIONS"),
                Views.Number("SHARDS"), Views.Number("ENTITIES")],
            lines.Select(l => (IReadOnlyList<string>)
            [
                l.Type, Views.Integer(l.ShardsHere), Views.Integer(l.EntitiesHere),
                Views.Integer(l.Regions), Views.Integer(l.Shards), Views.Integer(l.Entities),
            ]).ToList()));
    }

    private async Task<CommandOutput> RegionStatsOf(CommandContext context)
    {
        var type = context.Required("type");
        var stats = await ClusterStatsAsync(type, context);
        var lines = stats.Regions
            .Select(r => new RegionStatsLine(r.Key.ToString(), r.Value.Stats.Count, r.Value.Stats.Values.Sum(),
                [.. r.Value.Failed.Order(StringComparer.Ordinal)]))
            .OrderBy(l => l.Member, StringComparer.Ordinal)
            .ToList();
        var data = new RegionStats(type, lines.Sum(l => l.Shards), lines.Sum(l => l.Entities), lines);

        var table = ViewBlock.Table(null,
            [Views.Column("MEMBER"), Views.Number("SHARDS"), Views.Number("ENTITIES"), Views.Column("FAILED SHARDS")],
            lines.Select(l => (IReadOnlyList<string>)[l.Member, Views.Integer(l.Shards), Views.Integer(l.Entities),
                l.FailedShards.Count == 0 ? "none" : string.Join(",", l.FailedShards)]).ToList());
        return new CommandResult(data, table, ViewBlock.Text(
            $"{type}: {Views.Count(lines.Count, "region")}, {Views.Count(data.Shards, "shard")}, "
            + Views.Count(data.Entities, "entity", "entities")));
    }

    private async Task<CommandOutput> ShardStatsOf(CommandContext context)
    {
        var type = context.Required("type");
        var stats = await ClusterStatsAsync(type, context);
        var lines = stats.Regions
            .SelectMany(r => r.Value.Stats.Select(s => new ShardStatsLine(s.Key, r.Key.ToString(), s.Value)))
            .OrderBy(l => int.TryParse(l.Shard, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n
                : int.MaxValue)
            .ThenBy(l => l.Shard, StringComparer.Ordinal)
            .ToList();
        var data = new ShardStats(type, lines);

        var table = ViewBlock.Table(null, [Views.Column("SHARD"), Views.Column("MEMBER"), Views.Number("ENTITIES")],
            lines.Select(l => (IReadOnlyList<string>)[l.Shard, l.Member, Views.Integer(l.Entities)]).ToList());
        return new CommandResult(data, table, ViewBlock.Text($"{type}: {Views.Count(lines.Count, "shard")}"));
    }

    /// <summary>
    /// Asks the coordinator for every region's statistics. It answers an empty map when any region
    /// fails to answer in time, which would read as "no shards": that is reported as a timeout.
    /// </summary>
    private async Task<ClusterShardingStats> ClusterStatsAsync(string type, CommandContext context)
    {
        var sharding = ClusterSharding.Get(system);
        if (!sharding.ShardTypeNames.Contains(type))
        {
            var here = sharding.ShardTypeNames.IsEmpty
                ? "none"
                : string.Join(", ", sharding.ShardTypeNames.Order(StringComparer.Ordinal));
            throw new CommandException(ProblemCodes.NotFound,
                $"no shard region '{type}' runs on {_cluster.SelfAddress}; regions here: {here}");
        }

        var gather = context.Timeout * 0.8;
        var stats = await sharding.ShardRegion(type)
            .Ask<ClusterShardingStats>(new GetClusterShardingStats(gather), context.Timeout, context.Cancellation);
        if (stats.Regions.Count == 0)
            throw new CommandException(ProblemCodes.Timeout,
                $"the '{type}' coordinator got no answer from every region within {gather.TotalSeconds:0.#} s");

        return stats;
    }
}

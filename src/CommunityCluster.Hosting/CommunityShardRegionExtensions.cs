using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.Hosting;

namespace CommunityCluster.Hosting;

public static class CommunityShardRegionExtensions
{
    /// <summary>
    /// Starts a shard region like Akka.Hosting's <c>WithShardRegion</c>, but allocating new
    /// shards with <see cref="ReachableShardAllocationStrategy"/>; registers it as <typeparamref name="TKey"/>.
    /// </summary>
    public static AkkaConfigurationBuilder WithCommunityShardRegion<TKey>(
        this AkkaConfigurationBuilder builder,
        string typeName,
        Func<string, Props> entityProps,
        IMessageExtractor messageExtractor,
        ShardOptions options)
    {
        builder.AddHocon(
            ClusterSharding.DefaultConfig().WithFallback(ClusterSingleton.DefaultConfig()),
            HoconAddMode.Append);

        return builder.StartActors(async (system, registry) =>
        {
            var shardingConfig = ConfigurationFactory.ParseString(options.ToString())
                .WithFallback(system.Settings.Config.GetConfig("akka.cluster.sharding"));
            var coordinatorConfig = system.Settings.Config.GetConfig(shardingConfig.GetString("coordinator-singleton"));
            var settings = ClusterShardingSettings.Create(shardingConfig, coordinatorConfig);

            var sharding = ClusterSharding.Get(system);
            var strategy = new ReachableShardAllocationStrategy(sharding.DefaultShardAllocationStrategy(settings));
            var region = await sharding.StartAsync(typeName, entityProps, settings, messageExtractor, strategy,
                options.HandOffStopMessage ?? PoisonPill.Instance);
            registry.Register<TKey>(region);
            CommunityClusterHostingExtensions.WatchSingleton(
                registry, SingletonWatch.CoordinatorPath(typeName), options.Role);
        });
    }
}

using Akka.Actor;
using Akka.Configuration;
using Akka.DistributedData;
using Akka.Hosting;
using CommunityCluster.Meta.Query;
using CommunityCluster.Meta.Replication;
using CommunityCluster.Meta.Service;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityCluster.Meta;

public static class MetaHubHostingExtensions
{
    /// <summary>
    /// MetaHub on this node: the catalog serializer, the index that answers queries from the local
    /// replica (registered as <see cref="CatalogIndex"/>) and the spreader (<see cref="CatalogSpreader"/>).
    /// Every community node runs it, because every node holds the catalog: Akka.DistributedData
    /// 1.5.75 keeps its Replicator type internal, so the catalog cannot have a replicator limited to
    /// the <c>meta</c> role and shares the node-wide one (README, MetaHub).
    /// </summary>
    public static AkkaConfigurationBuilder WithMetaHub(this AkkaConfigurationBuilder builder, MetaHubOptions options) =>
        builder
            .AddHocon(ConfigurationFactory.FromResource<CatalogSerializer>("CommunityCluster.Meta.metahub.conf"),
                HoconAddMode.Prepend)
            .WithActors((system, registry) =>
            {
                var replicator = DistributedData.Get(system).Replicator;
                registry.Register<CatalogIndex>(system.ActorOf(CatalogIndex.Props(replicator), CatalogIndex.Name));
                registry.Register<CatalogSpreader>(system.ActorOf(CatalogSpreader.Props(replicator, options),
                    CatalogSpreader.Name));
            });

    /// <summary>What the web layer uses: the <see cref="CatalogDirectory"/>.</summary>
    public static IServiceCollection AddMetaHubServices(this IServiceCollection services, MetaHubOptions options) =>
        services.AddSingleton(sp => CatalogDirectory.For(sp.GetRequiredService<ActorSystem>(), options));
}

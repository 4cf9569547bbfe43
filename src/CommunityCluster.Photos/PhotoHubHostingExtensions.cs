using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;
using CommunityCluster.Core.Settings;
using CommunityCluster.Hosting;
using CommunityCluster.Photos.Chunks;
using CommunityCluster.Photos.Entity;
using CommunityCluster.Photos.Repair;

namespace CommunityCluster.Photos;

public static class PhotoHubHostingExtensions
{
    /// <summary>
    /// PhotoHub on this node. With the <c>photos</c> role: the chunk store, the photo entities'
    /// shard region, the replica auditor and (on the oldest photos node) the replication monitor.
    /// Without it: a proxy to the photo entities, so web nodes can still store and read.
    /// Registers <see cref="ChunkStoreActor"/> and <see cref="PhotoEntity"/> (region or proxy).
    /// </summary>
    public static AkkaConfigurationBuilder WithPhotoHub(
        this AkkaConfigurationBuilder builder, PhotoHubOptions options, IReadOnlyList<string> roles, StorageGauge gauge)
    {
        builder.AddHocon(ConfigurationFactory.FromResource<PhotoHubSerializer>("CommunityCluster.Photos.photohub.conf"), HoconAddMode.Prepend);
        if (!roles.Contains(ServiceRole.Photos))
            return builder.WithShardRegionProxy<PhotoEntity>(PhotoEntity.TypeName, ServiceRole.Photos, new PhotoEntity.MessageExtractor());

        return builder
            .WithActors((system, registry) =>
            {
                var files = new ChunkFiles(options.DataDirectory, options.QuotaBytes);
                registry.Register<ChunkStoreActor>(system.ActorOf(ChunkStoreActor.Props(files, gauge), ChunkStoreActor.Name));
            })
            .WithCommunityShardRegion<PhotoEntity>(
                PhotoEntity.TypeName,
                photoId => PhotoEntity.Props(photoId, options.Policy),
                new PhotoEntity.MessageExtractor(),
                new ShardOptions { Role = ServiceRole.Photos, StateStoreMode = StateStoreMode.DData, RememberEntities = false })
            .WithActors((system, registry) =>
                system.ActorOf(ReplicaAuditor.FromRegistry(options, system, registry), ReplicaAuditor.Name))
            .WithSingleton<ReplicationMonitor>(ReplicationMonitor.Name,
                (_, registry, _) => ReplicationMonitor.Props(options, registry.Get<PhotoEntity>()),
                new ClusterSingletonOptions { Role = ServiceRole.Photos }, createProxyToo: false)
            .WithSingleton<Rebalancer>(Rebalancer.Name,
                (_, registry, _) => Rebalancer.Props(options, registry.Get<PhotoEntity>()),
                new ClusterSingletonOptions { Role = ServiceRole.Photos }, createProxyToo: false)
            .WithSingletonWatched(ReplicationMonitor.Name, ServiceRole.Photos)
            .WithSingletonWatched(Rebalancer.Name, ServiceRole.Photos);
    }
}

using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Hosting;
using CommunityCluster.Core.Settings;
using CommunityCluster.Discovery;
using CommunityCluster.Hosting;
using CommunityCluster.Photos.Entity;
using CommunityCluster.Photos.Read;
using CommunityCluster.Photos.Upload;
using CommunityCluster.Thumbs.Jobs;

namespace CommunityCluster.Thumbs;

public static class ThumbHubHostingExtensions
{
    /// <summary>
    /// ThumbHub on this node, after PhotoHub and discovery. With the <c>thumbs</c> role: the job
    /// entities' shard region, this node's worker and (on the oldest thumbs node) the sweeper.
    /// Without it: a proxy to the job entities, so an uploading node can still queue jobs.
    /// Registers <see cref="ThumbJobEntity"/> (region or proxy).
    /// </summary>
    public static AkkaConfigurationBuilder WithThumbHub(this AkkaConfigurationBuilder builder, ThumbHubOptions options,
        IReadOnlyList<string> roles)
    {
        builder.AddHocon(ConfigurationFactory.FromResource<ThumbHubSerializer>("CommunityCluster.Thumbs.thumbhub.conf"), HoconAddMode.Prepend);
        if (!roles.Contains(ServiceRole.Thumbs))
            return builder.WithShardRegionProxy<ThumbJobEntity>(ThumbJobEntity.TypeName, ServiceRole.Thumbs,
                new ThumbJobEntity.MessageExtractor());

        return builder
            .WithCommunityShardRegion<ThumbJobEntity>(
                ThumbJobEntity.TypeName,
                photoId => ThumbJobEntity.Props(photoId, options),
                new ThumbJobEntity.MessageExtractor(),
                new ShardOptions
                {
                    Role = ServiceRole.Thumbs,
                    StateStoreMode = StateStoreMode.DData,
                    RememberEntities = false
                })
            .WithActors((system, registry) =>
            {
                var prober = registry.Get<LinkProber>();
                var directory = new CommunityDirectory(system, prober);
                var reader = new PhotoReader(system, directory, prober);
                var uploader = new PhotoUploader(system, registry.Get<PhotoEntity>(), directory, prober);
                system.ActorOf(ThumbWorker.Props(options, registry.Get<ThumbJobEntity>(), reader, uploader),
                    ThumbWorker.Name);
            })
            .WithSingleton<JobSweeper>(JobSweeper.Name,
                (_, registry, _) => JobSweeper.Props(options, registry.Get<ThumbJobEntity>()),
                new ClusterSingletonOptions { Role = ServiceRole.Thumbs }, createProxyToo: false)
            .WithSingletonWatched(JobSweeper.Name, ServiceRole.Thumbs);
    }
}

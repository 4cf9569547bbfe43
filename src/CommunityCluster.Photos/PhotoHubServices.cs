using Akka.Actor;
using Akka.Hosting;
using CommunityCluster.Core.Settings;
using CommunityCluster.Discovery;
using CommunityCluster.Photos.Entity;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Photos.Read;
using CommunityCluster.Photos.Upload;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityCluster.Photos;

public static class PhotoHubServices
{
    /// <summary>
    /// What the web layer and the ccm palettes use: uploader, reader, manifests, storage nodes, and
    /// the reports built from them under this node's <paramref name="policy"/>.
    /// </summary>
    public static IServiceCollection AddPhotoHubServices(this IServiceCollection services, StoragePolicy policy)
    {
        services.AddSingleton(sp => new ManifestDirectory(sp.GetRequiredService<ActorSystem>()));
        services.AddSingleton(sp => new StorageNodes(sp.GetRequiredService<ActorSystem>()));
        services.AddSingleton(sp => new PhotoUploader(sp.GetRequiredService<ActorSystem>(),
            sp.GetRequiredService<IRequiredActor<PhotoEntity>>().ActorRef, sp.GetRequiredService<CommunityDirectory>(),
            sp.GetRequiredService<IRequiredActor<LinkProber>>().ActorRef));
        services.AddSingleton(sp => new PhotoReader(sp.GetRequiredService<ActorSystem>(), sp.GetRequiredService<CommunityDirectory>(),
            sp.GetRequiredService<IRequiredActor<LinkProber>>().ActorRef));
        services.AddSingleton(sp => new StorageStatusReport(sp.GetRequiredService<ManifestDirectory>(),
            sp.GetRequiredService<StorageNodes>(), policy));
        services.AddSingleton(sp => new CommunityWeeksReport(sp.GetRequiredService<ManifestDirectory>(),
            sp.GetRequiredService<StorageNodes>(), policy));
        services.AddSingleton(sp => new PhotoLocator(sp.GetRequiredService<ActorSystem>(),
            sp.GetRequiredService<StorageNodes>(), sp.GetRequiredService<PhotoReader>(), policy));
        return services;
    }
}

using Akka.Actor;
using Akka.Hosting;
using CommunityCluster.Discovery;
using CommunityCluster.Photos.Entity;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Photos.Read;
using CommunityCluster.Photos.Upload;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityCluster.Photos;

public static class PhotoHubServices
{
    /// <summary>What the web layer uses: uploader, reader, manifests and storage nodes.</summary>
    public static IServiceCollection AddPhotoHubServices(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ManifestDirectory(sp.GetRequiredService<ActorSystem>()));
        services.AddSingleton(sp => new StorageNodes(sp.GetRequiredService<ActorSystem>()));
        services.AddSingleton(sp => new PhotoUploader(sp.GetRequiredService<ActorSystem>(),
            sp.GetRequiredService<IRequiredActor<PhotoEntity>>().ActorRef, sp.GetRequiredService<CommunityDirectory>(),
            sp.GetRequiredService<IRequiredActor<LinkProber>>().ActorRef));
        services.AddSingleton(sp => new PhotoReader(sp.GetRequiredService<ActorSystem>(), sp.GetRequiredService<CommunityDirectory>(),
            sp.GetRequiredService<IRequiredActor<LinkProber>>().ActorRef));
        return services;
    }
}

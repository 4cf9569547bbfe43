using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using CommunityCluster.Discovery;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Thumbs.Jobs;
using CommunityCluster.Thumbs.Records;
using CommunityCluster.Thumbs.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityCluster.Thumbs;

/// <summary>
/// What the web layer (and, at the merge, MetaHub) uses of ThumbHub: queue a photo's job with the
/// asking node's router, and read where a photo's thumbnails stand.
/// </summary>
public sealed class ThumbHubService(ActorSystem system, IActorRef jobs, ThumbRouter router)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private readonly ILoggingAdapter _log = Logging.GetLogger(system, typeof(ThumbHubService));
    private readonly ThumbnailRecords _records = new(system);
    private readonly ManifestDirectory _manifests = new(system);

    public ThumbRouter Router => router;

    /// <summary>
    /// Queues the thumbnails of a stored photo on the worker this node's router prefers. Never
    /// fails the caller: when ThumbHub cannot be reached the sweeper queues the photo later, and
    /// until then its status reads pending.
    /// </summary>
    public async Task<ThumbnailStatus> QueueAsync(string photoId, CancellationToken cancel)
    {
        try
        {
            var manifest = await _manifests.GetAsync(photoId);
            var decision = manifest is null ? null : await router.ChooseAsync(manifest, []);
            var route = decision is null ? null : $"{decision.Mode}: {decision.Reason}";
            var queued = await jobs.Ask<ThumbnailsQueued>(new QueueThumbnails(photoId, decision?.Address, route),
                AskTimeout, cancel);
            return ThumbnailStatus.Of(photoId, queued.Record);
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            _log.Warning("Photo {PhotoId}: thumbnails could not be queued now ({Reason}); the sweeper will", photoId,
                e.Message);
            return ThumbnailStatus.Of(photoId, null);
        }
    }

    /// <summary>The query service: a photo's thumbnail state, read locally.</summary>
    public async Task<ThumbnailStatus> StatusAsync(string photoId) =>
        ThumbnailStatus.Of(photoId, await _records.GetAsync(photoId));

    /// <summary>
    /// The workers that are members now, as they last published themselves. A worker that left keeps
    /// its entry in Distributed Data (nothing removes it); it is not shown.
    /// </summary>
    public async Task<IReadOnlyList<WorkerStatus>> WorkersAsync()
    {
        var members = Akka.Cluster.Cluster.Get(system).State.Members
            .Select(m => m.Address.ToString())
            .ToHashSet(StringComparer.Ordinal);
        return (await _records.WorkersAsync()).Where(w => members.Contains(w.Address)).ToList();
    }
}

public static class ThumbHubServiceCollectionExtensions
{
    public static IServiceCollection AddThumbHubServices(this IServiceCollection services, ThumbHubOptions options) =>
        services.AddSingleton(sp =>
        {
            var system = sp.GetRequiredService<ActorSystem>();
            var prober = sp.GetRequiredService<IRequiredActor<LinkProber>>().ActorRef;
            return new ThumbHubService(system, sp.GetRequiredService<IRequiredActor<ThumbJobEntity>>().ActorRef,
                new ThumbRouter(system, prober, options.Routing));
        });
}

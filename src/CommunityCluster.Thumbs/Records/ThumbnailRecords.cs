using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;

namespace CommunityCluster.Thumbs.Records;

/// <summary>Reads and writes thumbnail records in the local replica; reads cost no network.</summary>
public sealed class ThumbnailRecords(ActorSystem system)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private readonly IActorRef _replicator = DistributedData.Get(system).Replicator;
    private readonly Cluster _cluster = Cluster.Get(system);

    public async Task<ThumbnailRecord?> GetAsync(string photoId)
    {
        var key = ThumbnailKeys.For(photoId);
        var response = await _replicator.Ask<IGetResponse>(Dsl.Get(key, ReadLocal.Instance), AskTimeout);
        return response.IsSuccessful && response.Get(key).TryGetValue(photoId, out var record) ? record : null;
    }

    public async Task<IReadOnlyList<ThumbnailRecord>> AllAsync()
    {
        var keys = await _replicator.Ask<GetKeysIdsResult>(Dsl.GetKeyIds, AskTimeout);
        var reads = keys.Keys.Where(ThumbnailKeys.IsRecordKey).Select(async id =>
        {
            var key = ThumbnailKeys.FromId(id);
            var response = await _replicator.Ask<IGetResponse>(Dsl.Get(key, ReadLocal.Instance), AskTimeout);
            return response.IsSuccessful ? response.Get(key).Entries.Values : [];
        });

        return (await Task.WhenAll(reads)).SelectMany(r => r).ToList();
    }

    /// <summary>Writes the record locally (durable) and lets gossip spread it; true when the local write
    /// succeeded.</summary>
    public async Task<bool> PutAsync(ThumbnailRecord record)
    {
        var key = ThumbnailKeys.For(record.PhotoId);
        var update = Dsl.Update(key, LWWDictionary<string, ThumbnailRecord>.Empty, WriteLocal.Instance,
            records => records.SetItem(_cluster, record.PhotoId, record));
        return await _replicator.Ask<IUpdateResponse>(update, AskTimeout) is UpdateSuccess;
    }

    public async Task RemoveAsync(string photoId)
    {
        var key = ThumbnailKeys.For(photoId);
        await _replicator.Ask<IUpdateResponse>(Dsl.Update(key, LWWDictionary<string, ThumbnailRecord>.Empty,
            WriteLocal.Instance,
            records => records.Remove(_cluster, photoId)), AskTimeout);
    }

    public async Task<IReadOnlyList<Routing.WorkerStatus>> WorkersAsync()
    {
        var response = await _replicator.Ask<IGetResponse>(Dsl.Get(ThumbnailKeys.Workers, ReadLocal.Instance),
            AskTimeout);
        return response.IsSuccessful ? [.. response.Get(ThumbnailKeys.Workers).Entries.Values] : [];
    }
}

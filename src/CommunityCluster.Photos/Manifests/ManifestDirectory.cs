using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using CommunityCluster.Core.Storage;

namespace CommunityCluster.Photos.Manifests;

/// <summary>
/// Reads and writes manifests in the local Distributed Data replica. Reads are local and cost no
/// network; a write is read-modify-write inside the replicator, so two photos sharing a key never
/// overwrite each other.
/// </summary>
public sealed class ManifestDirectory(ActorSystem system)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a reader waits for the other replicas when its own has not heard of a photo yet.</summary>
    private static readonly TimeSpan PeerReadTimeout = TimeSpan.FromSeconds(3);

    private readonly IActorRef _replicator = DistributedData.Get(system).Replicator;
    private readonly Cluster _cluster = Cluster.Get(system);

    public async Task<PhotoManifest?> GetAsync(string photoId)
    {
        var key = ManifestKeys.For(photoId);
        var response = await _replicator.Ask<IGetResponse>(Dsl.Get(key, ReadLocal.Instance), AskTimeout);
        return response.IsSuccessful && response.Get(key).TryGetValue(photoId, out var manifest) ? manifest : null;
    }

    /// <summary>
    /// How long a reader watches its own replica when no majority answered: three rounds of
    /// Distributed Data's gossip (every 2 s), for a surviving home that holds the manifest to pass
    /// it on. With the majority read's 3 s, a lookup stays within ccm's 10 s for an answer.
    /// </summary>
    private static readonly TimeSpan GossipWait = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan GossipCheckInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The manifest as a reader should see it: the local replica first and, when it has not heard
    /// of the photo, a majority of the replicas, because an upload acknowledged on another node a
    /// moment ago may not have reached this one by gossip yet. An unknown id costs one bounded
    /// round of asks; a known one costs no network. <paramref name="waitForGossip"/> false: a
    /// caller for whom "unknown" is safe (an import sends the file again and the upload finds it
    /// stored) does not wait for gossip when no majority answers.
    /// </summary>
    public async Task<PhotoManifest?> FindAsync(string photoId, bool waitForGossip = true)
    {
        var local = await GetAsync(photoId);
        if (local is not null)
            return local;

        var key = ManifestKeys.For(photoId);
        var response = await _replicator.Ask<IGetResponse>(Dsl.Get(key, new ReadMajority(PeerReadTimeout)),
            AskTimeout + PeerReadTimeout);
        // NotFound (no photo of this key anywhere) is an answer, not a failure: only a read that no
        // majority answered waits for gossip.
        if (!response.IsFailure)
            return response.IsSuccessful && response.Get(key).TryGetValue(photoId, out var manifest)
                ? manifest
                : null;

        return waitForGossip ? await WaitForGossip(photoId) : null;
    }

    /// <summary>
    /// No majority answered: homes died a moment ago and are not yet unreachable, or a partition.
    /// An acknowledged upload's manifest was written to a majority, so while at most half the
    /// homes are gone a survivor holds it and gossips it here (the two-nodes-killed spec saw a 404
    /// on a survivor for a photo acknowledged before the kill). Bounded; an id nobody knows still
    /// ends as null.
    /// </summary>
    private async Task<PhotoManifest?> WaitForGossip(string photoId)
    {
        var deadline = DateTime.UtcNow + GossipWait;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(GossipCheckInterval);
            if (await GetAsync(photoId) is { } manifest)
                return manifest;
        }

        return null;
    }

    /// <summary>Every manifest this replica knows, tombstones included.</summary>
    public async Task<IReadOnlyList<PhotoManifest>> AllAsync()
    {
        var keys = await _replicator.Ask<GetKeysIdsResult>(Dsl.GetKeyIds, AskTimeout);
        var reads = keys.Keys.Where(ManifestKeys.IsManifestKey).Select(async id =>
        {
            var key = ManifestKeys.FromId(id);
            var response = await _replicator.Ask<IGetResponse>(Dsl.Get(key, ReadLocal.Instance), AskTimeout);
            return response.IsSuccessful ? response.Get(key).Entries.Values : [];
        });

        return (await Task.WhenAll(reads)).SelectMany(m => m).ToList();
    }

    /// <summary>
    /// Applies <paramref name="modify"/> to the current manifest (null when none) inside the
    /// replicator. Returns true when the write reached what <paramref name="consistency"/> asked;
    /// false on a timeout, in which case the local (durable) replica holds it and gossip spreads it.
    /// </summary>
    public async Task<bool> UpdateAsync(string photoId, Func<PhotoManifest?, PhotoManifest> modify, IWriteConsistency consistency)
    {
        var key = ManifestKeys.For(photoId);
        var update = Dsl.Update(key, LWWDictionary<string, PhotoManifest>.Empty, consistency,
            manifests => manifests.SetItem(_cluster, photoId, modify(manifests.TryGetValue(photoId, out var current) ? current : null)));
        var response = await _replicator.Ask<IUpdateResponse>(update, AskTimeout + consistency.Timeout);

        return response switch
        {
            UpdateSuccess => true,
            UpdateTimeout => false,
            _ => throw new InvalidOperationException($"manifest update of {photoId} failed: {response}"),
        };
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using CommunityCluster.Core.Settings;
using CommunityCluster.Core.Storage;
using CommunityCluster.Discovery;
using CommunityCluster.Photos.Transfer;

namespace CommunityCluster.Photos.Read;

/// <summary>A replica as the reading node ranks it, and why.</summary>
public sealed record ReplicaChoice(StorageNode Node, double ExpectedMs, string Reason);

/// <summary>No live replica could give a chunk of the photo.</summary>
public sealed class PhotoUnavailableException(string photoId, string chunkId)
    : Exception($"photo {photoId}: no live replica could give chunk {chunkId}");

/// <summary>
/// Streams a photo from its replicas: chunk by chunk, each from the replica with the lowest
/// expected completion time that this node measures, the next chunk fetched while the current
/// one is written, so the first bytes leave before the whole photo has arrived. A timeout, an
/// error or a bad hash moves that chunk to the next replica.
/// </summary>
public sealed class PhotoReader(ActorSystem system, CommunityDirectory directory, IActorRef linkProber)
{
    /// <summary>A replica that just failed a read is tried last for this long: it may be a home that died a moment ago.</summary>
    private static readonly TimeSpan SuspectFor = TimeSpan.FromSeconds(20);

    private readonly ILoggingAdapter _log = Logging.GetLogger(system, typeof(PhotoReader));
    private readonly StorageNodes _nodes = new(system);
    private readonly ConcurrentDictionary<string, DateTime> _suspects = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<ReplicaChoice>> RankReplicasAsync(PhotoManifest manifest, CancellationToken cancel)
    {
        var nodes = await _nodes.SnapshotAsync();
        var ranked = await directory.RankAsync(ServiceRole.Photos, Math.Min(manifest.Size, ChunkLayout.ChunkSize), cancel);
        var holders = manifest.Replicas.Where(nodes.ContainsKey).Select(r => nodes[r]).Where(n => n.IsLive)
            .ToDictionary(n => n.Address.ToString());

        var now = DateTime.UtcNow;
        return [.. ranked.Where(r => holders.ContainsKey(r.Address))
            .OrderBy(r => IsSuspect(r.Address, now))
            .Select(r => new ReplicaChoice(holders[r.Address], r.ExpectedMs, IsSuspect(r.Address, now) ? r.Reason + ", failed a read moments ago" : r.Reason))];
    }

    /// <summary>
    /// Ranks the replicas and, while none is known to be live, asks again for up to
    /// <paramref name="within"/>: a node that has just started (or a community that has just come
    /// back) learns the other homes' membership and profiles by gossip within seconds, and a read in
    /// that moment should wait for them rather than call the photo unavailable.
    /// </summary>
    public async Task<IReadOnlyList<ReplicaChoice>> WaitForReplicasAsync(PhotoManifest manifest, TimeSpan within,
        CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var ranked = await RankReplicasAsync(manifest, cancel);

        while (ranked.Count == 0 && clock.Elapsed < within)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancel);
            ranked = await RankReplicasAsync(manifest, cancel);
        }

        return ranked;
    }

    public async Task CopyToAsync(PhotoManifest manifest, Stream output, CancellationToken cancel)
    {
        var sources = await RankReplicasAsync(manifest, cancel);
        var links = (await directory.LinksAsync(cancel)).Rows[0].Links.ToDictionary(l => l.To);
        var next = manifest.Chunks.Count > 0 ? Fetch(manifest, manifest.Chunks[0], sources, links, cancel) : null;

        for (var i = 0; i < manifest.Chunks.Count; i++)
        {
            var bytes = await next!;
            next = i + 1 < manifest.Chunks.Count ? Fetch(manifest, manifest.Chunks[i + 1], sources, links, cancel) : null;
            await output.WriteAsync(bytes, cancel);
        }
    }

    private bool IsSuspect(string address, DateTime now) => _suspects.TryGetValue(address, out var until) && until > now;

    private async Task<byte[]> Fetch(
        PhotoManifest manifest, ChunkRef chunk, IReadOnlyList<ReplicaChoice> sources, Dictionary<string, LinkView> links, CancellationToken cancel)
    {
        // Re-ordered per chunk: a replica that failed an earlier chunk of this read goes last.
        foreach (var source in sources.OrderBy(s => IsSuspect(s.Node.Address.ToString(), DateTime.UtcNow)).ToList())
        {
            var address = source.Node.Address.ToString();
            var throughput = links.TryGetValue(address, out var link) ? link.BytesPerSecond() : null;
            var timeout = ChunkTransfer.PieceTimeoutFor(link?.RoundTripMs, throughput);
            try
            {
                var clock = Stopwatch.StartNew();
                var bytes = await ChunkTransfer.FetchAsync(
                    source.Node.StoreOf(system), chunk, throughput, cancel, timeout);
                linkProber.Tell(new RecordTransfer(source.Node.Address, bytes.Length, clock.Elapsed));
                return bytes;
            }
            catch (ChunkTransferException e)
            {
                _suspects[address] = DateTime.UtcNow + SuspectFor;
                _log.Warning("Photo {PhotoId}: chunk {ChunkId} from home {HomeId} failed ({Reason}); trying the next replica",
                    manifest.PhotoId, chunk.Id, source.Node.HomeId, e.Reason);
            }
        }

        throw new PhotoUnavailableException(manifest.PhotoId, chunk.Id);
    }
}

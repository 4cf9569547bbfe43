using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using CommunityCluster.Core.Discovery;
using CommunityCluster.Core.Settings;
using CommunityCluster.Core.Storage;
using CommunityCluster.Discovery;
using CommunityCluster.Photos;
using CommunityCluster.Thumbs.Records;

namespace CommunityCluster.Thumbs.Routing;

/// <summary>Where a job goes, and why.</summary>
public sealed record RouteDecision(string Address, string Mode, double ExpectedMs, string Reason);

/// <summary>
/// The router of one node: gathers what <see cref="RouteScoring"/> needs from what this node knows
/// locally (membership, its own link row, the rows and worker statuses others published, which
/// nodes hold the photo) and picks a worker by the configured <see cref="RoutingMode"/>. It
/// learns because workers publish their measured times after every job, and transfers feed the
/// link matrix.
/// </summary>
public sealed class ThumbRouter(ActorSystem system, IActorRef linkProber, RoutingMode mode)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    /// <summary>A status older than this is from a worker that stopped publishing: its queue is not trusted.</summary>
    private static readonly TimeSpan StatusFreshFor = TimeSpan.FromSeconds(30);

    private readonly Cluster _cluster = Cluster.Get(system);
    private readonly IActorRef _replicator = DistributedData.Get(system).Replicator;
    private readonly ThumbnailRecords _records = new(system);
    private readonly StorageNodes _nodes = new(system);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset[]> _sent = new(StringComparer.Ordinal);
    private int _next = Random.Shared.Next(1000); // each node starts its round-robin at its own place

    public RoutingMode Mode => mode;

    /// <summary>The best worker for this photo now, or null when no thumbs node is reachable.</summary>
    public async Task<RouteDecision?> ChooseAsync(PhotoManifest manifest, IReadOnlyCollection<string> exclude)
    {
        var ranked = await RankAsync(manifest, exclude);
        var reachable = ranked.Where(r => !double.IsPositiveInfinity(r.ExpectedMs)).ToList();
        if (reachable.Count == 0)
            return null;

        var pick = mode switch
        {
            RoutingMode.RoundRobin => reachable.OrderBy(r => r.Address,
                StringComparer.Ordinal).ElementAt(Interlocked.Increment(ref _next) % reachable.Count),
            RoutingMode.Random => reachable[Random.Shared.Next(reachable.Count)],
            _ => reachable[0],
        };
        Remember(pick.Address);
        return new RouteDecision(pick.Address, mode.Name(), pick.ExpectedMs, pick.Reason);
    }

    /// <summary>
    /// Jobs this node sent a worker count in its queue until the worker's published status is
    /// newer than them: statuses travel by gossip, and without this every node that uploads in the
    /// same second would pile its jobs onto the same idle worker.
    /// </summary>
    private void Remember(string address)
    {
        var now = DateTimeOffset.UtcNow;
        _sent.AddOrUpdate(address, [now], (_, times) => [.. times.Where(t => now - t < StatusFreshFor), now]);
    }

    private int SentSince(string address, DateTimeOffset? publishedAt) =>
        _sent.TryGetValue(address, out var times) ? times.Count(t => publishedAt is null || t > publishedAt) : 0;

    /// <summary>Every thumbs node, best first for this photo as this node measures it.</summary>
    public async Task<IReadOnlyList<RouteScore>> RankAsync(PhotoManifest manifest, IReadOnlyCollection<string> exclude)
    {
        var state = _cluster.State;
        var self = _cluster.SelfAddress.ToString();
        var workers = state.Members.Where(m => m.Status == MemberStatus.Up && m.HasRole(ServiceRole.Thumbs))
            .Where(m => !exclude.Contains(m.Address.ToString())).ToList();
        if (workers.Count == 0)
            return [];

        var statuses = (await _records.WorkersAsync()).ToDictionary(s => s.Address);
        var links = await LinkRowsAsync(self);
        var nodes = await _nodes.SnapshotAsync();
        var holders = manifest.Replicas.Where(nodes.ContainsKey).Select(id => nodes[id]).Where(n => n.IsLive)
            .Select(n => n.Address.ToString()).ToList();
        var now = DateTimeOffset.UtcNow;

        var candidates = workers.Select(member =>
        {
            var address = member.Address.ToString();
            var status = statuses.TryGetValue(address, out var s) && now - s.PublishedAt < StatusFreshFor ? s : null;
            return new WorkerCandidate(
                address,
                !state.Unreachable.Contains(member),
                holders.Contains(address),
                (status?.QueueLength ?? 0) + SentSince(address, status?.PublishedAt),
                status?.MsPerJob,
                status?.MsPerMegabyte,
                [.. holders.Select(h => Link(links, h, address))],
                Uplink(links, address),
                status?.MsPerStore);
        });

        var resultBytes = statuses.Values.Select(s =>
            s.ResultBytes).OfType<double>().DefaultIfEmpty(RouteScoring.AssumedResultBytes).Average();
        return RouteScoring.Rank(candidates, manifest.Size, (long)resultBytes);
    }

    private static LinkFigures Link(IReadOnlyDictionary<string, IReadOnlyDictionary<string, LinkEstimate>> rows,
        string from, string to) =>
        rows.TryGetValue(from, out var row) && row.TryGetValue(to, out var link)
            ? new LinkFigures(link.RoundTripMs, link.ThroughputBytesPerSecond)
            : new LinkFigures(null, null);

    /// <summary>The median of what a worker measured to the others: its typical uplink; unmeasured when it measured
    /// nothing.</summary>
    private static LinkFigures Uplink(IReadOnlyDictionary<string, IReadOnlyDictionary<string, LinkEstimate>> rows,
        string worker)
    {
        if (!rows.TryGetValue(worker, out var row))
            return new LinkFigures(null, null);

        var rates = row.Values.Select(l => l.ThroughputBytesPerSecond).OfType<double>().Order().ToList();
        var trips = row.Values.Select(l => l.RoundTripMs).Order().ToList();
        return new LinkFigures(trips.Count > 0 ? trips[trips.Count / 2] : null,
            rates.Count > 0 ? rates[rates.Count / 2] : null);
    }

    /// <summary>Each member's row of the link matrix: this node's live one, the others as published.</summary>
    private async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, LinkEstimate>>> LinkRowsAsync(string self)
    {
        var rows = new Dictionary<string, IReadOnlyDictionary<string, LinkEstimate>>(StringComparer.Ordinal);
        var response = await _replicator.Ask<IGetResponse>(Dsl.Get(DiscoveryKeys.Links, ReadLocal.Instance),
            AskTimeout);
        if (response.IsSuccessful)
        {
            foreach (var (from, row) in response.Get(DiscoveryKeys.Links).Entries)
                rows[from] = row.Links.ToDictionary(l => l.To, l => l.Estimate);
        }

        var local = await linkProber.Ask<LinkEstimates>(GetLinkEstimates.Instance, AskTimeout);
        rows[self] = local.Links;
        return rows;
    }
}

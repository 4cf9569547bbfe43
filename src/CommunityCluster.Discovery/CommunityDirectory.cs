using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using CommunityCluster.Core.Discovery;

namespace CommunityCluster.Discovery;

/// <summary>
/// The questions other parts of a node ask discovery: who is in the community, how well is each
/// link, which instances of a service are best for me. Answers come from the local replica
/// and the local prober, so they cost no network round trip.
/// </summary>
public sealed class CommunityDirectory(ActorSystem system, IActorRef linkProber)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);

    private readonly Cluster _cluster = Cluster.Get(system);
    private readonly IActorRef _replicator = DistributedData.Get(system).Replicator;

    public string SelfAddress => _cluster.SelfAddress.ToString();

    public async Task<IReadOnlyList<MemberView>> MembersAsync(CancellationToken cancellation)
    {
        var profiles = await ReadLocalAsync(DiscoveryKeys.Profiles, cancellation);
        var state = _cluster.State;

        return state.Members
            .Select(m => new MemberView(
                m.Address.ToString(),
                m.Status.ToString(),
                !state.Unreachable.Contains(m),
                [.. m.Roles.Order(StringComparer.Ordinal)],
                m.AppVersion.ToString(),
                profiles.TryGetValue(m.Address.ToString(), out var profile) ? profile : null))
            .ToList();
    }

    public async Task<LinkMatrixView> LinksAsync(CancellationToken cancellation)
    {
        var local = await linkProber.Ask<LinkEstimates>(GetLinkEstimates.Instance, AskTimeout, cancellation);
        var published = await ReadLocalAsync(DiscoveryKeys.Links, cancellation);
        var members = _cluster.State.Members.Select(m => m.Address.ToString()).ToHashSet(StringComparer.Ordinal);

        var rows = new List<LinkRowView>
        {
            new(local.From, DateTimeOffset.UtcNow, local.Links.Select(l => LinkView.From(l.Key, l.Value)).OrderBy(l => l.To).ToList()),
        };
        rows.AddRange(published.Values
            .Where(row => row.From != local.From && members.Contains(row.From))
            .OrderBy(row => row.From, StringComparer.Ordinal)
            .Select(row => new LinkRowView(row.From, row.PublishedAt,
                row.Links.Where(l => members.Contains(l.To)).Select(l => LinkView.From(l.To, l.Estimate)).OrderBy(l => l.To).ToList())));

        return new LinkMatrixView(local.From, rows);
    }

    /// <summary>The members offering <paramref name="role"/>, best first for a transfer of <paramref name="transferBytes"/>.</summary>
    public async Task<IReadOnlyList<RankedInstance>> RankAsync(string role, long transferBytes, CancellationToken cancellation)
    {
        var local = await linkProber.Ask<LinkEstimates>(GetLinkEstimates.Instance, AskTimeout, cancellation);
        var state = _cluster.State;

        var candidates = state.Members
            .Where(m => m.Status == MemberStatus.Up && m.HasRole(role))
            .Select(m => new ServiceCandidate(
                m.Address.ToString(),
                !state.Unreachable.Contains(m),
                local.Links.TryGetValue(m.Address.ToString(), out var link) ? link : null));

        return ServiceRanking.Rank(SelfAddress, candidates, transferBytes);
    }

    private async Task<IReadOnlyDictionary<string, T>> ReadLocalAsync<T>(
        LWWDictionaryKey<string, T> key, CancellationToken cancellation)
    {
        var response = await _replicator.Ask<IGetResponse>(Dsl.Get(key, ReadLocal.Instance), AskTimeout, cancellation);
        return response.IsSuccessful
            ? response.Get(key).Entries
            : new Dictionary<string, T>();
    }
}

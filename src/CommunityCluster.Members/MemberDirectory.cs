using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;

namespace CommunityCluster.Members;

/// <summary>
/// Reads and writes the members' records in the local Distributed Data replica. Reads are local
/// (every request checks its session or token here, so they must cost no network); writes go to a
/// majority when it answers within <see cref="WriteWithin"/>, else stay local and spread by gossip.
/// A change is a read-modify-write inside the replicator, so two writers of one key never lose
/// each other's other entries.
/// </summary>
public sealed class MemberDirectory(ActorSystem system)
{
    public static readonly TimeSpan WriteWithin = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    private readonly IActorRef _replicator = DistributedData.Get(system).Replicator;
    private readonly Cluster _cluster = Cluster.Get(system);

    public async Task<IReadOnlyDictionary<string, T>> AllAsync<T>(LWWDictionaryKey<string, T> key,
        IReadConsistency? consistency = null)
    {
        consistency ??= ReadLocal.Instance;
        var response = await _replicator.Ask<IGetResponse>(Dsl.Get(key, consistency), AskTimeout + consistency.Timeout);
        return response switch
        {
            GetSuccess => response.Get(key).Entries,
            NotFound => new Dictionary<string, T>(),
            _ => throw new TimeoutException($"reading {key.Id} answered {response}"),
        };
    }

    public async Task<T?> GetAsync<T>(LWWDictionaryKey<string, T> key, string id) where T : class =>
        (await AllAsync(key)).GetValueOrDefault(id);

    /// <summary>
    /// Sets entry <paramref name="id"/> to what <paramref name="modify"/> makes of the current one
    /// (null when none), or leaves the key untouched when it returns null. Returns the value that
    /// was written, or null when nothing was.
    /// </summary>
    public async Task<T?> UpdateAsync<T>(LWWDictionaryKey<string, T> key, string id, Func<T?, T?> modify)
        where T : class
    {
        T? written = null;
        var update = Dsl.Update(key, LWWDictionary<string, T>.Empty, new WriteMajority(WriteWithin), entries =>
        {
            written = modify(entries.TryGetValue(id, out var current) ? current : null);
            return written is null ? entries : entries.SetItem(_cluster, id, written);
        });
        var response = await _replicator.Ask<IUpdateResponse>(update, AskTimeout + WriteWithin);
        return response switch
        {
            // A majority that does not answer in time still leaves the write in the local, durable replica.
            UpdateSuccess or UpdateTimeout => written,
            _ => throw new InvalidOperationException($"update of {key.Id} failed: {response}"),
        };
    }
}

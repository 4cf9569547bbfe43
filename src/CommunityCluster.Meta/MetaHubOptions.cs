namespace CommunityCluster.Meta;

/// <summary>MetaHub's settings on one node.</summary>
/// <param name="DataDirectory">The node's data folder: the writer id and the list of unspread keys live in
/// its <c>ddata/</c>.</param>
public sealed record MetaHubOptions(string DataDirectory)
{
    /// <summary>
    /// How long a write waits for every replica to acknowledge. When one is unreachable the write
    /// does not wait at all: it lands locally (durably) and is spread when the replica is back.
    /// </summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How often keys that did not reach every replica are pushed again (also at once when a replica
    /// returns).</summary>
    public TimeSpan SpreadInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A node that starts with no catalog at all reads every key from another node instead of
    /// waiting for gossip.</summary>
    public bool CatchUpWhenEmpty { get; init; } = true;

    /// <summary>Catch-up reads in flight at once: few, so a slow home link never queues more than a few keys
    /// ahead of heartbeats.</summary>
    public int CatchUpWindow { get; init; } = 8;

    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public string UnspreadFile => Path.Combine(DataDirectory, "ddata", "catalog-unspread.txt");
}

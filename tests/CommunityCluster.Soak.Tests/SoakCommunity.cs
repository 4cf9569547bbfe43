using CommunityCluster.Testing;

namespace CommunityCluster.Soak.Tests;

/// <summary>
/// A lighthouse and the soak's homes as real processes: each in a namespace of its own when the
/// soak may build them (root), all on loopback otherwise. Disposing kills what runs and deletes
/// the namespaces.
/// </summary>
public sealed class SoakCommunity : IAsyncDisposable
{
    public const string NormalQuota = "1GB";

    private SoakCommunity(SoakNetwork? network, LighthouseProcess lighthouse, IReadOnlyList<NodeProcess> homes)
    {
        Network = network;
        Lighthouse = lighthouse;
        Homes = homes;
    }

    /// <summary>Null on loopback, where a home cannot be cut off or shaped.</summary>
    public SoakNetwork? Network { get; }

    public LighthouseProcess Lighthouse { get; }

    /// <summary>The log of every member, the lighthouse included, as written so far.</summary>
    public IReadOnlyList<string> Logs() => [.. Homes.Cast<ClusterProcess>().Append(Lighthouse).Select(p => p.LogText())];

    public IReadOnlyList<NodeProcess> Homes { get; }

    public static async Task<SoakCommunity> StartAsync(TestFolder folder, int homeCount, TimeSpan readyWithin)
    {
        var network = SoakNetwork.Unavailable() is null ? SoakNetwork.Create(homeCount + 1) : null;
        var lighthouse = new LighthouseProcess(folder.Combine("lighthouse"), network?.Address(0) ?? "127.0.0.1");
        lighthouse.Launcher.AddRange(network?.Launcher(0) ?? []);
        var homes = Enumerable.Range(1, homeCount).Select(i =>
        {
            var home = new NodeProcess($"home-{i}", folder.Combine($"home-{i}"), $"home-{i}", [lighthouse.Address],
                host: network?.Address(i) ?? "127.0.0.1");
            home.Launcher.AddRange(network?.Launcher(i) ?? []);
            home.Environment["STORAGE_QUOTA"] = NormalQuota;
            return home;
        }).ToList();
        var community = new SoakCommunity(network, lighthouse, homes);

        try
        {
            lighthouse.Start();
            await Eventually.Until(() => lighthouse.IsUp, readyWithin, "the lighthouse to form the cluster");

            // home-1 first, so the oldest member (the singletons' host) is known; the rest together.
            homes[0].Start();
            await homes[0].WaitUntilReadyAsync(readyWithin);
            homes.Skip(1).ToList().ForEach(h => h.Start());
            await Task.WhenAll(homes.Skip(1).Select(h => h.WaitUntilReadyAsync(readyWithin)));
        }
        catch
        {
            folder.Keep = true;
            await community.DisposeAsync();
            throw;
        }

        return community;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var home in Homes)
            await home.DisposeAsync();
        await Lighthouse.DisposeAsync();
        Network?.Dispose();
    }
}

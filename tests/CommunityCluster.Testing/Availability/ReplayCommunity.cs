using System.Globalization;
using CommunityCluster.Core.Availability;

namespace CommunityCluster.Testing.Availability;

/// <summary>
/// A community of real node processes whose homes follow simulated schedules: one node per home,
/// each announcing its usual off hours (<see cref="OffHoursText"/>), all with one placement
/// setting and a fast week clock. A home that goes off stops gracefully, as a device shut down for
/// the night; one that comes on starts again with its disk.
/// </summary>
public sealed class ReplayCommunity : IAsyncDisposable
{
    private readonly LocalCommunity _community;
    private readonly Dictionary<string, IReadOnlyList<string>> _holders = new(StringComparer.Ordinal);

    private ReplayCommunity(string placement, LocalCommunity community, IReadOnlyList<SimulatedHome> homes)
    {
        Placement = placement;
        _community = community;
        Homes = homes;
    }

    public string Placement { get; }

    public IReadOnlyList<SimulatedHome> Homes { get; }

    public IReadOnlyList<NodeProcess> Nodes => _community.Nodes;

    public static async Task<ReplayCommunity> StartAsync(TestFolder folder, string placement,
        IReadOnlyList<SimulatedHome> homes, int replicationFactor, double timeScale, TimeSpan readyWithin)
    {
        var invariant = CultureInfo.InvariantCulture;
        var community = await LocalCommunity.StartAsync(folder, homes.Count, readyWithin, node =>
        {
            var home = homes[int.Parse(node.Name["node-".Length..], invariant) - 1];
            node.Environment["HOME_ID"] = home.HomeId;
            node.Environment["PLACEMENT"] = placement;
            node.Environment["REPLICATION_FACTOR"] = replicationFactor.ToString(invariant);
            node.Environment["WRITE_QUORUM"] = Math.Min(2, replicationFactor).ToString(invariant);
            node.Environment["TIME_SCALE"] = timeScale.ToString(invariant);
            node.Environment["OFF_HOURS"] = OffHoursText.Of(home);
            node.Environment["ABSENCE_GRACE"] = "2h";
            node.Environment["TZ"] = "UTC";

            // The replay itself turns homes off and on by their schedule, outages included.
            node.Environment["LEAVE_AT_OFF_HOURS"] = "false";

            // Every 20 s of wall clock (3.3 h of week time): a photo placed while the homes that cover
            // the nights were unreachable for a moment (the machine loaded) moves before the nights.
            node.Environment["REBALANCE_INTERVAL"] = "20s";
            node.Environment["REBALANCE_BANDWIDTH"] = "2MB";
        });
        return new ReplayCommunity(placement, community, homes);
    }

    /// <summary>Stops the homes that go off (gracefully, together) and starts those that come on.</summary>
    public async Task SetAwakeAsync(IReadOnlyList<bool> awake, TimeSpan stopWithin)
    {
        var stops = Nodes.Where((n, i) => !awake[i] && n.IsRunning).Select(n => n.StopGracefullyAsync(stopWithin));
        await Task.WhenAll(stops);
        foreach (var node in Nodes.Where((n, i) => awake[i] && !n.IsRunning))
            node.Start();
    }

    /// <summary>
    /// Reads every photo once, all at once, from the first awake home that answers ready, and says
    /// for each whether it returned the photo's bytes (their SHA-256 is the id) within
    /// <paramref name="within"/>, and which homes held it: asked again after a failed read (repair
    /// may have moved a copy), the last answer kept when that ask fails too.
    /// </summary>
    public async Task<IReadOnlyList<PhotoRead>> ReadEveryPhotoAsync(IReadOnlyList<TestPhoto> photos, TimeSpan within)
    {
        NodeProcess? reader = null;
        foreach (var node in Nodes.Where(n => n.IsRunning))
        {
            if (await ReadySafeAsync(node))
            {
                reader = node;
                break;
            }
        }

        var reads = reader is null
            ? [.. photos.Select(_ => false)]
            : await Task.WhenAll(photos.Select(p => ReadsAsync(reader, p, within)));
        if (reader is not null)
            await Task.WhenAll(photos.Where((_, i) => !reads[i]).Select(p => LearnHoldersAsync(reader, p.Id)));

        return [.. photos.Select((p, i) => new PhotoRead(p.Id, reads[i], Holders(p.Id)))];
    }

    /// <summary>Asks a home which homes hold each photo (the replicas, not fills still running): run once after the upload.</summary>
    public Task LearnHoldersAsync(IReadOnlyList<TestPhoto> photos) =>
        Task.WhenAll(photos.Select(p => LearnHoldersAsync(Nodes[0], p.Id)));

    public IReadOnlyList<string> Holders(string photoId)
    {
        lock (_holders)
            return _holders.GetValueOrDefault(photoId, []);
    }

    /// <summary>Starts every home that is off and waits until all are ready.</summary>
    public async Task WakeEveryHomeAsync(TimeSpan within)
    {
        foreach (var node in Nodes.Where(n => !n.IsRunning))
            node.Start();
        await Task.WhenAll(Nodes.Select(n => n.WaitUntilReadyAsync(within)));
    }

    public string LogTails() => _community.LogTails();

    public ValueTask DisposeAsync() => _community.DisposeAsync();

    private static async Task<bool> ReadySafeAsync(NodeProcess node)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            using var response = await node.Http.GetAsync(new Uri("/health/ready", UriKind.Relative), timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task LearnHoldersAsync(NodeProcess node, string photoId)
    {
        try
        {
            var photo = await node.GetJsonAsync($"/api/photos/{photoId}");
            var homes = photo.GetProperty("replicas").EnumerateArray()
                .Select(r => r.GetProperty("homeId").GetString()!)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            lock (_holders)
                _holders[photoId] = homes;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or KeyNotFoundException)
        {
            // A loaded home that does not answer: the holders last learned stand.
        }
    }

    private static async Task<bool> ReadsAsync(NodeProcess node, TestPhoto photo, TimeSpan within)
    {
        try
        {
            using var timeout = new CancellationTokenSource(within);
            using var response = await node.Http.GetAsync(new Uri($"/api/photos/{photo.Id}/original", UriKind.Relative),
                HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
                return false;

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var hash = await System.Security.Cryptography.SHA256.HashDataAsync(body, timeout.Token);
            return Convert.ToHexStringLower(hash) == photo.Id;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}

/// <summary>One read of one photo in a replay: whether it returned the bytes, and the homes that held it.</summary>
public sealed record PhotoRead(string PhotoId, bool Read, IReadOnlyList<string> Holders);

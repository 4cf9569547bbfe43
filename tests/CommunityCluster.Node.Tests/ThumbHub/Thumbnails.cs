using System.Text.Json;
using CommunityCluster.Testing;

namespace CommunityCluster.Node.Tests.ThumbHub;

/// <summary>A photo's thumbnails as a test reads them over HTTP.</summary>
internal static class Thumbnails
{
    public static async Task<JsonElement> OfAsync(NodeProcess node, string photoId) =>
        (await node.GetJsonAsync($"/api/photos/{photoId}")).GetProperty("thumbnails");

    public static string State(JsonElement thumbnails) => thumbnails.GetProperty("state").GetString()!;

    public static bool IsSettled(JsonElement thumbnails) => State(thumbnails) is "ready" or "no-preview";

    /// <summary>Waits until every photo's thumbnails are ready or have no preview; returns them by photo id.</summary>
    public static async Task<Dictionary<string, JsonElement>> WaitSettledAsync(NodeProcess node,
        IEnumerable<string> photoIds, TimeSpan within)
    {
        var ids = photoIds.Distinct().ToList();
        var seen = new Dictionary<string, JsonElement>();
        await Eventually.Until(async () =>
        {
            foreach (var id in ids.Where(i => !seen.TryGetValue(i, out var t) || !IsSettled(t)))
                seen[id] = await OfAsync(node, id);
            return seen.Values.All(IsSettled);
        }, within, $"thumbnails of {ids.Count} photos to settle on {node.Name}");
        return seen;
    }

    public static async Task<byte[]> DownloadAsync(NodeProcess node, string photoId, string size)
    {
        using var response = await node.Http.GetAsync(new Uri($"/api/photos/{photoId}/thumbnail?size={size}",
            UriKind.Relative));
        response.EnsureSuccessStatusCode();
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Resident memory of a node process in MB, from /proc.</summary>
    public static long ResidentMb(NodeProcess node)
    {
        var line = File.ReadLines($"/proc/{node.ProcessId}/status").First(l => l.StartsWith("VmRSS:",
            StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
            System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }
}

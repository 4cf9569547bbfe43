using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using CommunityCluster.Testing;

namespace CommunityCluster.Soak.Tests;

/// <summary>
/// The photo API with a deadline on every call: a frozen or cut-off home never answers, and the
/// soak must move on rather than wait out the client's three minutes.
/// </summary>
public static class SoakHttp
{
    /// <summary>True when the home acknowledged the upload (200, the write quorum holds it) with this id.</summary>
    public static async Task<bool> UploadAsync(NodeProcess home, TestPhoto photo, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var content = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(photo.Path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", photo.Name);

        using var response = await home.Http.PostAsync(new Uri("/api/photos", UriKind.Relative), content, cancel.Token);
        var body = await response.Content.ReadAsStringAsync(cancel.Token);
        return response.IsSuccessStatusCode && body.Contains(photo.Id, StringComparison.Ordinal);
    }

    /// <summary>The SHA-256 of the original as the home serves it, or null when it does not.</summary>
    public static async Task<string?> DownloadHashAsync(NodeProcess home, string photoId, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var response = await home.Http.GetAsync(new Uri($"/api/photos/{photoId}/original", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        if (!response.IsSuccessStatusCode)
            return null;

        await using var body = await response.Content.ReadAsStreamAsync(cancel.Token);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(body, cancel.Token));
    }

    public static async Task<JsonElement> GetJsonAsync(NodeProcess home, string path, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var response = await home.Http.GetAsync(new Uri(path, UriKind.Relative), cancel.Token);
        var body = await response.Content.ReadAsStringAsync(cancel.Token);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"GET {path} on {home.Name} answered {(int)response.StatusCode}: {body}");

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Every photo id the home's catalog lists, page by page (bounded: 1,000 pages).</summary>
    public static async Task<HashSet<string>> CatalogAsync(NodeProcess home, TimeSpan timeout)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        for (var page = 0; page < 1_000; page++)
        {
            var next = cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor);
            var json = await GetJsonAsync(home, "/api/photos?limit=100" + next, timeout);
            foreach (var item in json.GetProperty("items").EnumerateArray())
                ids.Add(item.GetProperty("id").GetString()!);
            cursor = json.GetProperty("nextCursor").GetString();
            if (cursor is null)
                return ids;
        }

        throw new InvalidOperationException($"{home.Name}'s catalog did not end within 1,000 pages");
    }
}

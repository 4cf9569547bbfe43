using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace CommunityCluster.Testing;

/// <summary>The photo API of one node, as a test drives it over real HTTP.</summary>
public static class PhotoClient
{
    /// <summary>Uploads files in one multipart request; returns the response status and body.</summary>
    public static async Task<(int Status, JsonElement Body)> UploadAsync(this NodeProcess node, params TestPhoto[] photos)
    {
        using var content = new MultipartFormDataContent();
        foreach (var photo in photos)
        {
            var file = new StreamContent(File.OpenRead(photo.Path));
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "file", photo.Name);
        }

        using var response = await node.Http.PostAsync(new Uri("/api/photos", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>Uploads files a few at a time and fails the test on any error answer.</summary>
    public static async Task UploadAllAsync(this NodeProcess node, IReadOnlyList<TestPhoto> photos, int perRequest = 4)
    {
        foreach (var batch in photos.Chunk(perRequest))
        {
            var (status, body) = await node.UploadAsync(batch);
            if (status != 200)
                throw new InvalidOperationException($"upload of {string.Join(", ", batch.Select(p => p.Name))} answered {status}: {body}");
        }
    }

    /// <summary>The SHA-256 of the original as the node serves it, or null with the status when it does not.</summary>
    public static async Task<(int Status, string? Hash)> DownloadHashAsync(this NodeProcess node, string photoId)
    {
        var (status, hash, _) = await ReadOriginalAsync(node, photoId);
        return (status, hash);
    }

    /// <summary>The status, the original's SHA-256 when it is served, and the problem's body when not.</summary>
    private static async Task<(int Status, string? Hash, string Problem)> ReadOriginalAsync(
        NodeProcess node, string photoId)
    {
        using var response = await node.Http.GetAsync(new Uri($"/api/photos/{photoId}/original", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
            return ((int)response.StatusCode, null, await response.Content.ReadAsStringAsync());

        await using var body = await response.Content.ReadAsStreamAsync();
        return (200, Convert.ToHexStringLower(await SHA256.HashDataAsync(body)), "");
    }

    /// <summary>
    /// Downloads every photo and returns the ones that did not come back byte-identical, each with
    /// what went wrong: the status and the problem's detail, a wrong hash, or a response cut off
    /// mid-way, so that a rare failure in CI says why.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UnreadableAsync(this NodeProcess node, IEnumerable<TestPhoto> photos)
    {
        var failures = new List<string>();
        foreach (var photo in photos.DistinctBy(p => p.Id))
        {
            try
            {
                var (status, hash, problem) = await ReadOriginalAsync(node, photo.Id);
                if (hash is null)
                    failures.Add($"{photo.Name} ({photo.Id[..12]}): status {status} "
                        + $"at {DateTimeOffset.UtcNow:HH:mm:ss.fff}: {problem}");
                else if (hash != photo.Id)
                    failures.Add($"{photo.Name}: status 200, hash {hash}");
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                failures.Add($"{photo.Name} ({photo.Id[..12]}): {e.GetType().Name} at {DateTimeOffset.UtcNow:HH:mm:ss.fff}: {e.Message}");
            }
        }

        return failures;
    }

    /// <summary>Fails with every unreadable photo and why, in full (Assert.Empty would cut each line short).</summary>
    public static async Task AssertAllReadableAsync(this NodeProcess node, IEnumerable<TestPhoto> photos)
    {
        var failures = await node.UnreadableAsync(photos);
        Xunit.Assert.True(failures.Count == 0,
            $"{node.Name}: {failures.Count} photos unreadable:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    public static Task<JsonElement> StorageStatusAsync(this NodeProcess node) => node.GetJsonAsync("/api/storage/status");
}

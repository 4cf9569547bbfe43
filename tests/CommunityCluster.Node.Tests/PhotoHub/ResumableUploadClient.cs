using System.Net.Http.Json;
using System.Text.Json;
using CommunityCluster.Testing;

namespace CommunityCluster.Node.Tests.PhotoHub;

/// <summary>The resumable upload routes of one node, as a test drives them over real HTTP.</summary>
public static class ResumableUploadClient
{
    public static async Task<(int Status, JsonElement Body)> OpenAsync(this NodeProcess node, string id, long size,
        string fileName = "photo.jpg") =>
        await Answer(await node.Http.PostAsJsonAsync(new Uri("/api/uploads", UriKind.Relative),
            new { id, size, fileName }));

    public static async Task<(int Status, JsonElement Body)> PutAsync(this NodeProcess node, string uploadId,
        byte[] bytes, long start, long total)
    {
        var content = new ByteArrayContent(bytes);
        // Raw, since HttpClient refuses to build the impossible ranges some specs send on purpose.
        content.Headers.TryAddWithoutValidation("Content-Range", $"bytes {start}-{start + bytes.Length - 1}/{total}");
        return await Answer(await node.Http.PutAsync(new Uri($"/api/uploads/{uploadId}", UriKind.Relative), content));
    }

    public static async Task<(int Status, JsonElement Body)> CommitAsync(this NodeProcess node, string uploadId) =>
        await Answer(await node.Http.PostAsync(new Uri($"/api/uploads/{uploadId}/commit", UriKind.Relative), null));

    public static async Task<(int Status, JsonElement Body)> ProgressAsync(this NodeProcess node, string uploadId) =>
        await Answer(await node.Http.GetAsync(new Uri($"/api/uploads/{uploadId}", UriKind.Relative)));

    public static Task<JsonElement> UploadStatsAsync(this NodeProcess node) => node.GetJsonAsync("/api/uploads");

    /// <summary>Opens, sends in chunks of <paramref name="chunk"/> bytes, commits; fails on any error.</summary>
    public static async Task<JsonElement> SendWholeAsync(this NodeProcess node, TestPhoto photo, int chunk)
    {
        var bytes = await File.ReadAllBytesAsync(photo.Path);
        var (status, opened) = await node.OpenAsync(photo.Id, bytes.Length, photo.Name);
        Assert.True(status is 200 or 201, $"open answered {status}: {opened}");
        var uploadId = opened.GetProperty("uploadId").GetString()!;
        for (var at = (int)opened.GetProperty("offset").GetInt64(); at < bytes.Length; at += chunk)
        {
            var piece = bytes[at..Math.Min(bytes.Length, at + chunk)];
            var (put, body) = await node.PutAsync(uploadId, piece, at, bytes.Length);
            Assert.True(put == 200, $"PUT at {at} answered {put}: {body}");
        }

        var (committed, stored) = await node.CommitAsync(uploadId);
        Assert.True(committed == 200, $"commit answered {committed}: {stored}");
        return stored;
    }

    private static async Task<(int Status, JsonElement Body)> Answer(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            return ((int)response.StatusCode, body);
        }
    }
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using CommunityCluster.Testing;

namespace CommunityCluster.WebUI.Tests;

/// <summary>
/// One node with every role on loopback, its own ports and folder, for the gallery and the routes it
/// uses. Uploads are capped at <see cref="MaxUploadBytes"/> so that a real photo of the corpus can be
/// refused as too large.
/// </summary>
public sealed class WebNode : IAsyncLifetime
{
    public const long MaxUploadBytes = 500_000;

    public const string Home = "webhome";

    private static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(60);

    public WebNode() : this(nameof(WebNode))
    {
    }

    internal WebNode(string name)
    {
        Folder = new TestFolder(name);
        Node = new NodeProcess("node", Folder.Combine("node"), Home, []);
        Node.Environment["MAX_UPLOAD_SIZE"] = MaxUploadBytes.ToString(CultureInfo.InvariantCulture);
    }

    public TestFolder Folder { get; }

    public NodeProcess Node { get; }

    public string BaseUrl => $"http://127.0.0.1:{Node.HttpPort}";

    public HttpClient Http => Node.Http;

    public async Task InitializeAsync()
    {
        Node.Start();
        await Node.WaitUntilReadyAsync(StartWithin);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Folder.Dispose();
    }

    /// <summary>Uploads and waits until the photo's thumbnails are ready (or settled otherwise).</summary>
    public async Task<string> UploadReadyAsync(TestPhoto photo)
    {
        var (status, body) = await Node.UploadAsync(photo);
        Assert.True(status == 200, $"upload of {photo.Name} answered {status}: {body}");
        var id = body.GetProperty("photos")[0].GetProperty("id").GetString()!;
        await Eventually.Until(async () => (await Node.GetJsonAsync($"/api/photos/{id}"))
            .GetProperty("thumbnails").GetProperty("state").GetString() is "ready" or "no-preview",
            TimeSpan.FromSeconds(60), $"the thumbnails of {photo.Name} to be made");
        return id;
    }

    /// <summary>Status, media type and parsed JSON body (default when it is not JSON).</summary>
    public async Task<(HttpStatusCode Status, string? MediaType, JsonElement Body)> SendAsync(HttpMethod method,
        string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && text[0] is '{' or '[' ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, json);
    }
}

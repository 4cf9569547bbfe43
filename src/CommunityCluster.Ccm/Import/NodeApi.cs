using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CommunityCluster.Ccm.Import;

/// <summary>The node's answer to a request that it refused: the status and its problem document's words.</summary>
public sealed class NodeRefusedException(int status, string title, string detail, long? offset)
    : Exception($"{title}: {detail} (HTTP {status})")
{
    public int Status { get; } = status;

    public string Detail { get; } = detail;

    /// <summary>Where the upload stands, when the node said so (a wrong offset, an incomplete commit).</summary>
    public long? Offset { get; } = offset;
}

/// <summary>The node cannot be reached, or stopped answering: the run stops (exit 3) and a re-run resumes.</summary>
public sealed class NodeUnreachableException(string message, Exception? inner = null) : Exception(message, inner);

public sealed record UploadLimits(long MaxUploadBytes, long MaxChunkBytes);

public sealed record OpenedUpload(string? UploadId, long Offset, bool Existed);

/// <summary>
/// The few routes of a node's REST API that an import uses. Every request has a deadline; a
/// connection that fails is retried a few times with growing pauses (a home link that drops for a
/// moment), and past that the node counts as unreachable.
/// </summary>
public sealed class NodeApi : IDisposable
{
    private static readonly TimeSpan[] Backoff =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    private static readonly TimeSpan TransferTimeout = TimeSpan.FromMinutes(5);

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    /// <param name="apiToken">A member's API token, sent as <c>Authorization: Bearer</c>; every upload route needs one.</param>
    public NodeApi(Uri node, TimeSpan timeout, string? apiToken = null)
    {
        _http = new HttpClient { BaseAddress = node, Timeout = Timeout.InfiniteTimeSpan };
        if (apiToken is not null)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
        _timeout = timeout;
    }

    public Uri Node => _http.BaseAddress!;

    /// <summary>The first request: reachability and the node's limits, with no retries.</summary>
    public async Task<UploadLimits> LimitsAsync(CancellationToken cancel)
    {
        var json = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/uploads"), _timeout, cancel,
            retries: 0);
        return new UploadLimits(json.GetProperty("maxUploadBytes").GetInt64(),
            json.GetProperty("maxChunkBytes").GetInt64());
    }

    public async Task<IReadOnlySet<string>> KnownAsync(IReadOnlyList<string> ids, CancellationToken cancel)
    {
        var json = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/photos/known")
        {
            Content = JsonContent.Create(new { ids }),
        }, _timeout, cancel);
        return json.GetProperty("known").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<OpenedUpload> OpenAsync(string id, long size, string fileName, CancellationToken cancel)
    {
        var json = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/uploads")
        {
            Content = JsonContent.Create(new { id, size, fileName }),
        }, _timeout, cancel);
        return json.TryGetProperty("existed", out var existed) && existed.GetBoolean()
            ? new OpenedUpload(null, size, true)
            : new OpenedUpload(json.GetProperty("uploadId").GetString(), json.GetProperty("offset").GetInt64(), false);
    }

    /// <summary>Sends one chunk; returns the upload's new offset.</summary>
    public async Task<long> PutAsync(string uploadId, long start, long size, Func<HttpContent> content,
        CancellationToken cancel)
    {
        var json = await SendAsync(() =>
        {
            var body = content();
            var last = start + body.Headers.ContentLength!.Value - 1;
            body.Headers.ContentRange = new ContentRangeHeaderValue(start, last, size);
            return new HttpRequestMessage(HttpMethod.Put, $"api/uploads/{uploadId}") { Content = body };
        }, TransferTimeout, cancel);
        return json.GetProperty("offset").GetInt64();
    }

    /// <summary>Commits a complete upload; true when the node already held the photo.</summary>
    public async Task<bool> CommitAsync(string uploadId, CancellationToken cancel)
    {
        var json = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, $"api/uploads/{uploadId}/commit"),
            TransferTimeout, cancel);
        return json.GetProperty("existed").GetBoolean();
    }

    /// <summary>The id of the album of that name, made when there is none.</summary>
    public async Task<string> AlbumAsync(string name, CancellationToken cancel)
    {
        var albums = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/albums"), _timeout, cancel);
        foreach (var album in albums.GetProperty("albums").EnumerateArray())
        {
            if (album.GetProperty("name").GetString() == name)
                return album.GetProperty("id").GetString()!;
        }

        var made = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/albums")
        {
            Content = JsonContent.Create(new { name }),
        }, _timeout, cancel);
        return made.GetProperty("id").GetString()!;
    }

    public Task AddToAlbumAsync(string albumId, string photoId, CancellationToken cancel) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Put, $"api/albums/{albumId}/photos/{photoId}"), _timeout,
            cancel);

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> SendAsync(Func<HttpRequestMessage> request, TimeSpan timeout,
        CancellationToken cancel, int retries = 4)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(request(), timeout, cancel);
            }
            catch (NodeUnreachableException) when (attempt < Math.Min(retries, Backoff.Length))
            {
                await Task.Delay(Backoff[attempt], cancel);
            }
        }
    }

    private async Task<JsonElement> SendOnceAsync(HttpRequestMessage request, TimeSpan timeout,
        CancellationToken cancel)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            using (request)
            using (var response = await _http.SendAsync(request, deadline.Token))
            {
                var text = await response.Content.ReadAsStringAsync(deadline.Token);
                if (response.IsSuccessStatusCode)
                    return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();

                throw Refused(response.StatusCode, text, request);
            }
        }
        catch (HttpRequestException e)
        {
            throw new NodeUnreachableException($"cannot reach the node at {Node}: {e.Message}", e);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new NodeUnreachableException(
                $"the node at {Node} did not answer {request.Method} {request.RequestUri} "
                + $"within {timeout.TotalSeconds} s");
        }
    }

    private static Exception Refused(HttpStatusCode status, string text, HttpRequestMessage request)
    {
        if (status is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
            return new NodeUnreachableException($"{request.RequestUri} answered {(int)status}");

        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            return new NodeRefusedException((int)status, Text(problem, "title") ?? status.ToString(),
                Text(problem, "detail") ?? "",
                problem.TryGetProperty("offset", out var o) && o.TryGetInt64(out var n) ? n : null);
        }
        catch (JsonException)
        {
            return new NodeRefusedException((int)status,
                $"{request.Method} {request.RequestUri} answered {(int)status}",
                "not a problem document; is this a CommunityCluster node's HTTP port?", null);
        }
    }

    private static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) ? value.GetString() : null;
}

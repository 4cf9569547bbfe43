using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CommunityCluster.Commands.Protocol;

namespace CommunityCluster.Ccm;

/// <summary>
/// The HTTP side of ccm: asks one member's command endpoint for its catalog or to run a command,
/// and turns every way that can fail into a <see cref="CcmException"/> with its exit code.
/// </summary>
public sealed class CommandClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly HttpClient _http;
    private readonly string _endpoint;
    private readonly TimeSpan _timeout;

    public CommandClient(string endpoint, string? token, TimeSpan timeout)
    {
        _endpoint = endpoint;
        _timeout = timeout;
        var handler = new SocketsHttpHandler { ConnectTimeout = timeout, UseProxy = false };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri($"http://{endpoint}/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Add(CommandProtocol.VersionHeader, CommandProtocol.Version);
        if (token is not null)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<CatalogReply> CatalogAsync(CancellationToken cancellation)
    {
        using var deadline = Deadline(cancellation);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, CommandProtocol.CatalogPath), deadline, cancellation);
        return await ReadJsonAsync<CatalogReply>(response, deadline, cancellation);
    }

    /// <summary>A finished command's reply, or for a streaming command the lines as they come.</summary>
    public async Task<(RunReply? Reply, IAsyncEnumerable<StreamItem>? Stream)> RunAsync(
        IReadOnlyList<string> words, CancellationToken cancellation)
    {
        var deadline = Deadline(cancellation);
        var request = new RunRequest(words, (int)_timeout.TotalMilliseconds);
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, CommandProtocol.RunPath)
            {
                Content = JsonContent.Create(request, options: Json),
            }, deadline, cancellation);
        }
        catch
        {
            deadline.Dispose();
            throw;
        }

        if (response.Content.Headers.ContentType?.MediaType == CommandProtocol.StreamMediaType)
        {
            deadline.Dispose(); // a stream runs until Ctrl-C: no deadline past its first byte
            return (null, ReadStream(response, cancellation));
        }

        using (response)
        using (deadline)
            return (await ReadJsonAsync<RunReply>(response, deadline, cancellation), null);
    }

    public void Dispose() => _http.Dispose();

    private CancellationTokenSource Deadline(CancellationToken cancellation)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(_timeout + TimeSpan.FromSeconds(2)); // the member's own deadline comes first
        return deadline;
    }

    private async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> request, CancellationTokenSource deadline, CancellationToken cancellation)
    {
        HttpResponseMessage response;
        try
        {
            using var message = request();
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        }
        catch (HttpRequestException e)
        {
            throw new CcmException(CcmExitCodes.Unreachable, $"cannot reach {_endpoint}: {Reason(e)}");
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw NoAnswer();
        }

        if (response.IsSuccessStatusCode)
            return response;

        using (response)
            throw await ProblemAsync(response, deadline.Token);
    }

    private async Task<T> ReadJsonAsync<T>(
        HttpResponseMessage response, CancellationTokenSource deadline, CancellationToken cancellation)
    {
        RequireMediaType(response, CommandProtocol.JsonMediaType);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, deadline.Token)
                ?? throw new CcmException(CcmExitCodes.Unreachable, $"{_endpoint} answered an empty body");
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw NoAnswer();
        }
        catch (Exception e) when (e is JsonException or HttpRequestException or IOException)
        {
            throw new CcmException(CcmExitCodes.Unreachable, $"{_endpoint} sent what ccm cannot read: {e.Message}");
        }
    }

    private async IAsyncEnumerable<StreamItem> ReadStream(
        HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellation)
    {
        using var owned = response;
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellation));
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(cancellation);
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                throw new CcmException(CcmExitCodes.Unreachable, $"lost {_endpoint}: {e.Message}");
            }

            if (line is null)
                throw new CcmException(CcmExitCodes.Unreachable, $"{_endpoint} closed the stream");

            if (line.Length > 0)
                yield return JsonSerializer.Deserialize<StreamItem>(line, Json)
                    ?? throw new CcmException(CcmExitCodes.Unreachable, $"{_endpoint} sent an empty line");
        }
    }

    private async Task<CcmException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        if (response.Content.Headers.ContentType?.MediaType == CommandProtocol.ProblemMediaType)
        {
            try
            {
                var problem = await response.Content.ReadFromJsonAsync<ProblemReply>(Json, cancellation);
                if (problem is { Code: not null, Detail: not null })
                    return new CcmException(CcmExitCodes.ForProblem(problem.Code), problem.Detail);
            }
            catch (Exception e) when (e is JsonException or IOException or OperationCanceledException)
            {
                // falls through to the generic message
            }
        }

        return new CcmException(CcmExitCodes.Unreachable,
            $"{_endpoint} is not a ccm endpoint: it answered {(int)response.StatusCode} {response.ReasonPhrase}");
    }

    private void RequireMediaType(HttpResponseMessage response, string mediaType)
    {
        var actual = response.Content.Headers.ContentType?.MediaType;
        if (actual != mediaType)
            throw new CcmException(CcmExitCodes.Unreachable,
                $"{_endpoint} is not a ccm endpoint: it answered {actual ?? "no content type"}");
    }

    private CcmException NoAnswer() =>
        new(CcmExitCodes.Timeout, $"{_endpoint} did not answer within {_timeout.TotalSeconds:0.#} s (--timeout)");

    private static string Reason(HttpRequestException e) =>
        e.InnerException is SocketException socket ? socket.Message : e.InnerException?.Message ?? e.Message;
}

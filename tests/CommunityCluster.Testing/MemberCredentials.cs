using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CommunityCluster.Testing;

/// <summary>
/// How the harness signs in. Every node it starts gets <see cref="AdminPassword"/> as ADMIN_PASSWORD,
/// so the community's first admin exists with a known password (README, "Security"), and each
/// node's <see cref="NodeProcess.Http"/> sends an API token of that admin, made at that node.
/// </summary>
public static class MemberCredentials
{
    public const string AdminName = "admin";
    public const string AdminPassword = "harness-admin-password";
    public const string PasswordVariable = "ADMIN_PASSWORD";

    /// <summary>Signs in with a password; returns the answer's status and body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostCredentialsAsync(HttpClient http, string path,
        string name, string password, CancellationToken cancel = default)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative),
            new { name, password, label = "harness" }, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        return (response.StatusCode, text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }
}

/// <summary>
/// Adds <c>Authorization: Bearer</c> with an API token of the harness's admin to every request but
/// the health checks and those that carry their own. The token is fetched at the first request and
/// kept; until the node has the admin account (it makes it once Up, or hears of it by gossip),
/// fetching retries for up to <see cref="Patience"/>. A node that does not listen fails at once, as a
/// request without this handler would.
/// </summary>
public sealed class MemberTokenHandler(Func<string> password) : DelegatingHandler(new SocketsHttpHandler())
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;

    public async Task<string> TokenAsync(Uri baseAddress, CancellationToken cancel)
    {
        await _gate.WaitAsync(cancel);
        try
        {
            return _token ??= await FetchAsync(baseAddress, cancel);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path.StartsWith("/health/", StringComparison.Ordinal) || request.Headers.Authorization is not null
            || request.Headers.Contains("Cookie"))
            return await base.SendAsync(request, cancellationToken);

        // Not the request's cancellation: a client with a short timeout (10 s in the compose specs) would
        // give up on its first request while a home is still making or hearing of the admin account.
        var baseAddress = new Uri(request.RequestUri.GetLeftPart(UriPartial.Authority));
        var token = await TokenAsync(baseAddress, CancellationToken.None);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
            return response;

        // The node lost the token (its community's data was wiped): forget it, and ask again once for a
        // request without a body, which can be sent twice.
        Interlocked.CompareExchange(ref _token, null, token);
        if (request.Content is not null)
            return response;

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(baseAddress, CancellationToken.None));
        return await base.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _gate.Dispose();
        base.Dispose(disposing);
    }

    private async Task<string> FetchAsync(Uri baseAddress, CancellationToken cancel)
    {
        using var http = new HttpClient(new SocketsHttpHandler(), disposeHandler: true)
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var (status, body) = await MemberCredentials.PostCredentialsAsync(http, "/api/tokens",
                MemberCredentials.AdminName, password(), cancel);
            if (status == HttpStatusCode.Created)
                return body.GetProperty("token").GetString()!;
            if (DateTime.UtcNow > deadline)
                throw new HttpRequestException($"no API token from {baseAddress} within {Patience}: last answer {(int)status} {body}");

            await Task.Delay(status == HttpStatusCode.TooManyRequests ? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(500),
                cancel);
        }
    }
}

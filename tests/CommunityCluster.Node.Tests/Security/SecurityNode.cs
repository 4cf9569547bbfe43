using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using CommunityCluster.Testing;

namespace CommunityCluster.Node.Tests.Security;

/// <summary>
/// One node for the security specs, with the harness's admin, and clients as strangers, members or
/// browsers. A client may come from another loopback address (127.0.0.x), so that each spec that
/// spends sign-in attempts has a rate-limit budget of its own.
/// </summary>
public sealed class SecurityNode : IAsyncLifetime
{
    public const long MaxUploadBytes = 3_000_000;

    private int _nextAddress = 10;

    public TestFolder Folder { get; } = new(nameof(SecurityNode));

    public NodeProcess Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = new NodeProcess("node", Folder.Combine("node"), "home", []);
        Node.Environment["MAX_UPLOAD_SIZE"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Node.Start();
        await Node.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Folder.Dispose();
    }

    /// <summary>A client with no session and no token, from a loopback address no other client uses.</summary>
    public HttpClient Stranger(bool cookies = false)
    {
        var source = IPAddress.Parse($"127.0.0.{Interlocked.Increment(ref _nextAddress)}");
        var handler = new SocketsHttpHandler
        {
            UseCookies = cookies,
            ConnectCallback = async (context, cancel) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancel);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = Node.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Invites a member as the admin and has them accept; returns a client with their API token.</summary>
    public async Task<HttpClient> NewMemberAsync(string name, string password)
    {
        using var invite = await Node.Http.PostAsJsonAsync(new Uri("/api/invitations", UriKind.Relative), new { role = "member" });
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        var token = (await invite.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var member = Stranger();
        using var accept = await member.PostAsJsonAsync(new Uri("/api/invitations/accept", UriKind.Relative),
            new { token, name, password });
        Assert.Equal(HttpStatusCode.Created, accept.StatusCode);

        var (status, body) = await MemberCredentials.PostCredentialsAsync(member, "/api/tokens", name, password);
        Assert.Equal(HttpStatusCode.Created, status);
        member.DefaultRequestHeaders.Authorization = new("Bearer", body.GetProperty("token").GetString());
        return member;
    }

    public static async Task<(HttpStatusCode Status, string? MediaType, string Body)> SendAsync(HttpClient http,
        HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        using var response = await http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync());
    }
}

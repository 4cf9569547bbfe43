using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityCluster.Testing;

namespace CommunityCluster.Node.Tests.Security;

/// <summary>
/// Who may call what, over real HTTP on a real node: every route of the OpenAPI document refuses a
/// stranger with 401, deleting someone else's photo or album is 403 for a member and allowed for an
/// admin, and a session cookie without its anti-forgery token cannot change anything.
/// </summary>
public sealed class AccessSpecs(SecurityNode fixture) : IClassFixture<SecurityNode>
{
    /// <summary>The routes open to anyone: health, signing in and accepting an invitation; share links apart.</summary>
    private static readonly HashSet<string> Open =
        ["GET /health/live", "GET /health/ready", "POST /api/session", "POST /api/tokens", "POST /api/invitations/accept"];

    private const string Shared = "/api/shared/";

    private NodeProcess Node => fixture.Node;

    [Fact]
    public async Task Every_api_route_should_answer_401_to_a_stranger()
    {
        using var stranger = fixture.Stranger();
        using var document = await stranger.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var routes = (await document.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Method: op.Name.ToUpperInvariant(), Path: path.Name)))
            .ToList();

        var answers = new List<string>();
        foreach (var (method, path) in routes.Where(r => !Open.Contains($"{r.Method} {r.Path}")))
        {
            var content = method is "GET" or "DELETE" ? null : JsonContent.Create(new { });
            var (status, media, _) = await SecurityNode.SendAsync(stranger, new HttpMethod(method), Concrete(path), content);
            answers.Add($"{method} {path}: {(int)status} {media}");
        }

        // The visitor's routes of a share link are open, but only to its token: an unknown one is 404.
        var shared = answers.Where(a => a.Contains(Shared, StringComparison.Ordinal)).ToList();
        answers.RemoveAll(shared.Contains);

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains(("GET", "/api/photos/{id}/original"), routes);
        Assert.Contains(("GET", "/api/photos/{id}/thumbnail"), routes);
        Assert.True(routes.Count >= 30, $"only {routes.Count} routes in the document:\n{string.Join('\n', routes)}");
        Assert.All(answers, a => Assert.EndsWith(": 401 application/problem+json", a, StringComparison.Ordinal));
        Assert.Equal(4, shared.Count);
        Assert.All(shared, a => Assert.EndsWith(": 404 application/problem+json", a, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_and_the_gallery_pages_should_stay_open()
    {
        using var stranger = fixture.Stranger();

        using var ready = await stranger.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var page = await stranger.GetAsync(new Uri("/", UriKind.Relative));
        using var script = await stranger.GetAsync(new Uri("/assets/api.js", UriKind.Relative));
        using var unknown = await stranger.GetAsync(new Uri("/api/no-such-route", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task Deleting_another_members_photo_or_album_should_be_403_and_an_admins_right()
    {
        var photo = Upload("admins-photo.jpg", seed: 101);
        using (var upload = await Node.Http.PostAsync(new Uri("/api/photos", UriKind.Relative), Multipart(photo)))
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var adminsAlbum = await CreateAlbumAsync(Node.Http, "the admin's");
        using var bob = await fixture.NewMemberAsync("bob", "bob's long password");
        var bobsPhoto = Upload("bobs-photo.jpg", seed: 102);
        using (var upload = await bob.PostAsync(new Uri("/api/photos", UriKind.Relative), Multipart(bobsPhoto)))
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var bobsAlbum = await CreateAlbumAsync(bob, "bob's");

        var bobOnAdminsPhoto = await SecurityNode.SendAsync(bob, HttpMethod.Delete, $"/api/photos/{photo.Id}");
        var bobOnAdminsAlbum = await SecurityNode.SendAsync(bob, HttpMethod.Delete, $"/api/albums/{adminsAlbum}");
        var bobOnHisPhoto = await SecurityNode.SendAsync(bob, HttpMethod.Delete, $"/api/photos/{bobsPhoto.Id}");
        var adminOnBobsAlbum = await SecurityNode.SendAsync(Node.Http, HttpMethod.Delete, $"/api/albums/{bobsAlbum}");
        var stillThere = await Node.GetJsonAsync($"/api/photos/{photo.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, bobOnAdminsPhoto.Status);
        Assert.Equal("application/problem+json", bobOnAdminsPhoto.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, bobOnAdminsAlbum.Status);
        Assert.Equal(HttpStatusCode.NoContent, bobOnHisPhoto.Status);
        Assert.Equal(HttpStatusCode.NoContent, adminOnBobsAlbum.Status);
        Assert.Equal(photo.Id, stillThere.GetProperty("id").GetString());
        Assert.Equal("bob", (await bob.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_session_cookie_without_its_antiforgery_token_should_change_nothing()
    {
        using var browser = fixture.Stranger(cookies: true);
        var (status, session) = await MemberCredentials.PostCredentialsAsync(browser, "/api/session",
            MemberCredentials.AdminName, MemberCredentials.AdminPassword);
        var token = session.GetProperty("antiforgeryToken").GetString()!;

        var read = await SecurityNode.SendAsync(browser, HttpMethod.Get, "/api/albums");
        var forged = await SecurityNode.SendAsync(browser, HttpMethod.Post, "/api/albums",
            JsonContent.Create(new { name = "forged" }));
        using var wrongToken = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/albums", UriKind.Relative))
        {
            Content = JsonContent.Create(new { name = "forged too" }),
        };
        wrongToken.Headers.Add("X-CSRF-Token", token[..^2] + "xx");
        using var wrong = await browser.SendAsync(wrongToken);
        using var genuine = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/albums", UriKind.Relative))
        {
            Content = JsonContent.Create(new { name = "genuine" }),
        };
        genuine.Headers.Add("X-CSRF-Token", token);
        using var made = await browser.SendAsync(genuine);
        var albums = await Node.GetJsonAsync("/api/albums");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(HttpStatusCode.Forbidden, forged.Status);
        Assert.Equal("application/problem+json", forged.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var names = albums.GetProperty("albums").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.Contains("genuine", names);
        Assert.DoesNotContain("forged", names);
        Assert.DoesNotContain("forged too", names);
    }

    [Fact]
    public async Task A_session_cookie_should_be_httponly_samesite_strict_and_end_at_sign_out()
    {
        using var browser = fixture.Stranger(cookies: true);
        using var signIn = await browser.PostAsJsonAsync(new Uri("/api/session", UriKind.Relative),
            new { name = MemberCredentials.AdminName, password = MemberCredentials.AdminPassword });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single();
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString();

        using var signOut = new HttpRequestMessage(HttpMethod.Delete, new Uri("/api/session", UriKind.Relative));
        signOut.Headers.Add("X-CSRF-Token", token);
        using var signedOut = await browser.SendAsync(signOut);
        var after = await SecurityNode.SendAsync(browser, HttpMethod.Get, "/api/albums");

        Assert.StartsWith("cc-session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.Status);
    }

    [Fact]
    public async Task An_invitation_should_work_once_and_a_member_should_not_invite_an_admin()
    {
        using var carol = await fixture.NewMemberAsync("carol", "carol's long password");
        using var invite = await carol.PostAsJsonAsync(new Uri("/api/invitations", UriKind.Relative), new { role = "member" });
        var token = (await invite.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var stranger = fixture.Stranger();

        using var first = await stranger.PostAsJsonAsync(new Uri("/api/invitations/accept", UriKind.Relative),
            new { token, name = "dave", password = "dave's long password" });
        using var again = await stranger.PostAsJsonAsync(new Uri("/api/invitations/accept", UriKind.Relative),
            new { token, name = "eve", password = "eve's long password" });
        var adminInvite = await SecurityNode.SendAsync(carol, HttpMethod.Post, "/api/invitations",
            JsonContent.Create(new { role = "admin" }));
        var accounts = await Node.GetJsonAsync("/api/accounts");

        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminInvite.Status);
        var names = accounts.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.Contains("dave", names);
        Assert.DoesNotContain("eve", names);
    }

    [Fact]
    public async Task A_member_should_not_put_the_home_to_sleep()
    {
        using var frank = await fixture.NewMemberAsync("frank", "frank's long password");

        var asked = await SecurityNode.SendAsync(frank, HttpMethod.Post, "/api/community/sleep",
            JsonContent.Create(new { until = "8h" }));
        using var ready = await Node.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, asked.Status);
        Assert.Equal("application/problem+json", asked.MediaType);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private TestPhoto Upload(string name, int seed)
    {
        var photo = TestPhotos.RandomFile(fixture.Folder.Combine("inputs"), name, 50_000, seed);
        using (var file = File.OpenWrite(photo.Path))
            file.Write([0xFF, 0xD8, 0xFF, 0xE0]); // sniffed as a JPEG
        return TestPhoto.Of(photo.Path);
    }

    private static MultipartFormDataContent Multipart(TestPhoto photo)
    {
        var file = new StreamContent(File.OpenRead(photo.Path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", photo.Name } };
    }

    private static async Task<string> CreateAlbumAsync(HttpClient http, string name)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/api/albums", UriKind.Relative), new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>A route template with plausible values: a photo id, an album id, an upload id.</summary>
    private static string Concrete(string template) => template
        .Replace("{id}", new string('a', 64), StringComparison.Ordinal)
        .Replace("{photoId}", new string('b', 64), StringComparison.Ordinal)
        .Replace("{albumId}", new string('c', 16), StringComparison.Ordinal)
        .Replace("{uploadId}", new string('d', 32), StringComparison.Ordinal)
        .Replace("{token}", new string('e', 43), StringComparison.Ordinal);
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CommunityCluster.Testing;

namespace CommunityCluster.Node.Tests.Security;

/// <summary>
/// Share links over real HTTP: a stranger with the link sees exactly what it shares and nothing
/// else; a password guards it; a revoked or expired link is 404.
/// </summary>
public sealed class ShareSpecs(SecurityNode fixture) : IClassFixture<SecurityNode>
{
    private NodeProcess Node => fixture.Node;

    [Fact]
    public async Task An_album_link_should_show_its_photos_and_nothing_else_until_revoked()
    {
        var (inside, outside) = (await UploadAsync("inside.jpg", 201), await UploadAsync("outside.jpg", 202));
        var album = await PostAsync(Node.Http, "/api/albums", new { name = "holidays" });
        using (var add = await Node.Http.PutAsync(new Uri($"/api/albums/{album.GetProperty("id").GetString()}/photos/{inside.Id}",
            UriKind.Relative), null))
            Assert.Equal(HttpStatusCode.NoContent, add.StatusCode);
        var share = await PostAsync(Node.Http, "/api/shares", new { kind = "album", id = album.GetProperty("id").GetString() });
        var token = share.GetProperty("token").GetString();
        using var visitor = fixture.Stranger();

        var shown = await visitor.GetFromJsonAsync<JsonElement>($"/api/shared/{token}");
        var (insideStatus, insideHash) = await HashAsync(visitor, $"/api/shared/{token}/photos/{inside.Id}/original");
        var (outsideStatus, _) = await HashAsync(visitor, $"/api/shared/{token}/photos/{outside.Id}/original");
        var (directStatus, _) = await HashAsync(visitor, $"/api/photos/{inside.Id}/original");
        var albumsStatus = (await SecurityNode.SendAsync(visitor, HttpMethod.Get, "/api/albums")).Status;
        var revoke = await SecurityNode.SendAsync(Node.Http, HttpMethod.Delete, $"/api/shares/{share.GetProperty("id").GetString()}");
        var afterRevoke = await SecurityNode.SendAsync(visitor, HttpMethod.Get, $"/api/shared/{token}");
        var (bytesAfterRevoke, _) = await HashAsync(visitor, $"/api/shared/{token}/photos/{inside.Id}/original");

        Assert.Equal("holidays", shown.GetProperty("album").GetString());
        Assert.Equal([inside.Id], shown.GetProperty("photos").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.False(shown.GetProperty("photos")[0].TryGetProperty("uploader", out _));
        Assert.Equal((HttpStatusCode.OK, inside.Id), (insideStatus, insideHash));
        Assert.Equal(HttpStatusCode.NotFound, outsideStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, directStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, albumsStatus);
        Assert.Equal(HttpStatusCode.NoContent, revoke.Status);
        Assert.Equal(HttpStatusCode.NotFound, afterRevoke.Status);
        Assert.Equal("application/problem+json", afterRevoke.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, bytesAfterRevoke);
    }

    [Fact]
    public async Task A_photo_link_with_a_password_should_open_only_with_it()
    {
        var photo = await UploadAsync("guarded.jpg", 203);
        var share = await PostAsync(Node.Http, "/api/shares", new { kind = "photo", id = photo.Id, password = "share password 42" });
        var token = share.GetProperty("token").GetString();
        using var visitor = fixture.Stranger(cookies: true);

        var locked = await SecurityNode.SendAsync(visitor, HttpMethod.Get, $"/api/shared/{token}");
        var wrong = await SecurityNode.SendAsync(visitor, HttpMethod.Post, $"/api/shared/{token}/unlock",
            JsonContent.Create(new { password = "not the password" }));
        var right = await SecurityNode.SendAsync(visitor, HttpMethod.Post, $"/api/shared/{token}/unlock",
            JsonContent.Create(new { password = "share password 42" }));
        var opened = await SecurityNode.SendAsync(visitor, HttpMethod.Get, $"/api/shared/{token}");
        var (bytes, hash) = await HashAsync(visitor, $"/api/shared/{token}/photos/{photo.Id}/original");

        Assert.Equal(HttpStatusCode.Unauthorized, locked.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal(HttpStatusCode.NoContent, right.Status);
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.Equal((HttpStatusCode.OK, photo.Id), (bytes, hash));
        Assert.DoesNotContain("share password 42", Node.LogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_link_should_be_404_and_only_its_maker_or_an_admin_may_revoke_it()
    {
        var photo = await UploadAsync("brief.jpg", 204);
        var share = await PostAsync(Node.Http, "/api/shares",
            new { kind = "photo", id = photo.Id, expiresAt = DateTimeOffset.UtcNow.AddSeconds(3) });
        var token = share.GetProperty("token").GetString();
        using var visitor = fixture.Stranger();
        using var grace = await fixture.NewMemberAsync("grace", "grace's long password");

        var before = await SecurityNode.SendAsync(visitor, HttpMethod.Get, $"/api/shared/{token}");
        var notHers = await SecurityNode.SendAsync(grace, HttpMethod.Delete, $"/api/shares/{share.GetProperty("id").GetString()}");
        var hers = (await grace.GetFromJsonAsync<JsonElement>("/api/shares")).GetProperty("shares").GetArrayLength();
        await Eventually.Until(async () => (await SecurityNode.SendAsync(visitor, HttpMethod.Get, $"/api/shared/{token}")).Status
            == HttpStatusCode.NotFound, TimeSpan.FromSeconds(30), "the link to expire");
        var (bytes, _) = await HashAsync(visitor, $"/api/shared/{token}/photos/{photo.Id}/original");

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.NotFound, notHers.Status);
        Assert.Equal(0, hers);
        Assert.Equal(HttpStatusCode.NotFound, bytes);
    }

    private async Task<TestPhoto> UploadAsync(string name, int seed)
    {
        var photo = TestPhotos.RandomFile(fixture.Folder.Combine("share-inputs"), name, 60_000, seed);
        using (var file = File.OpenWrite(photo.Path))
            file.Write([0xFF, 0xD8, 0xFF, 0xE0]); // sniffed as a JPEG
        photo = TestPhoto.Of(photo.Path);
        var (status, body) = await Node.UploadAsync(photo);
        Assert.True(status == 200, $"upload answered {status}: {body}");
        return photo;
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path} answered {(int)response.StatusCode}: {json}");
        return json;
    }

    private static async Task<(HttpStatusCode Status, string? Hash)> HashAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return response.IsSuccessStatusCode
            ? (response.StatusCode, Convert.ToHexStringLower(SHA256.HashData(await response.Content.ReadAsByteArrayAsync())))
            : (response.StatusCode, null);
    }
}

using System.Net;
using System.Text;
using CommunityCluster.Testing;

namespace CommunityCluster.Node.Tests.Security;

/// <summary>
/// Requests made to hurt, as a signed-in member and as a stranger: ids with path tricks, headers and
/// bodies far too large. Each is refused with a 4xx (a problem document where the node answers
/// itself), never a 500, and the node keeps serving.
/// </summary>
public sealed class HostileRequestSpecs(SecurityNode fixture) : IClassFixture<SecurityNode>
{
    public static TheoryData<string> PathTricks =>
    [
        "/api/photos/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/photos/..%2F..%2F..%2Fetc%2Fpasswd/original",
        "/api/photos/" + new string('a', 64) + "%00/original",
        "/api/photos/%2e%2e/thumbnail?size=small",
        "/api/albums/..%5C..%5Cwindows",
        "/api/uploads/..%2F..%2Fddata",
        "/api/photos/" + new string('A', 64) + "/original",
        "/assets/..%2F..%2Fkeys",
    ];

    [Theory]
    [MemberData(nameof(PathTricks))]
    public async Task An_id_with_a_path_trick_should_be_refused_cleanly(string path)
    {
        var (status, media, body) = await SecurityNode.SendAsync(fixture.Node.Http, HttpMethod.Get, path);

        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{path} answered {(int)status}: {body}");
        // Kestrel itself refuses a target it cannot parse (a NUL byte) with a bare 400; the node answers the rest.
        Assert.True(media == "application/problem+json" || (status == HttpStatusCode.BadRequest && body.Length == 0),
            $"{path} answered {(int)status} {media}: {body}");
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        Assert.True(await fixture.Node.IsReadyAsync());
    }

    [Fact]
    public async Task An_oversized_header_should_be_refused_with_431()
    {
        using var stranger = fixture.Stranger();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/photos", UriKind.Relative));
        request.Headers.Add("X-Padding", new string('x', 64 * 1024));
        using var member = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/photos", UriKind.Relative));
        member.Headers.Add("X-Padding", new string('x', 64 * 1024));

        using var strangers = await stranger.SendAsync(request);
        using var members = await fixture.Node.Http.SendAsync(member);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, strangers.StatusCode);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, members.StatusCode);
        Assert.True(await fixture.Node.IsReadyAsync());
    }

    [Fact]
    public async Task An_oversized_body_should_be_refused_before_it_is_read()
    {
        using var stranger = fixture.Stranger();
        var huge = "{\"name\":\"admin\",\"password\":\"" + new string('p', 2_000_000) + "\"}";

        var signIn = await SecurityNode.SendAsync(stranger, HttpMethod.Post, "/api/session",
            new StringContent(huge, Encoding.UTF8, "application/json"));
        var album = await SecurityNode.SendAsync(fixture.Node.Http, HttpMethod.Post, "/api/albums",
            new StringContent("{\"name\":\"" + new string('n', 2_000_000) + "\"}", Encoding.UTF8, "application/json"));
        var strangersAlbum = await SecurityNode.SendAsync(stranger, HttpMethod.Post, "/api/albums",
            new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, signIn.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, album.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, strangersAlbum.Status);
        Assert.True(await fixture.Node.IsReadyAsync());
    }
}

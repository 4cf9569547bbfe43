using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace CommunityCluster.WebUI.Tests;

/// <summary>The gallery's files as the node serves them: caching, validators, nothing fetched from elsewhere.
/// </summary>
public sealed partial class GallerySpecs(WebNode web) : IClassFixture<WebNode>
{
    [Fact]
    public async Task Page_should_be_kept_briefly_and_revalidated_by_its_etag()
    {
        using var first = await GetAsync("/");
        var etag = first.Headers.ETag!;

        using var again = await GetAsync("/index.html", etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=30", first.Headers.CacheControl?.ToString());
        Assert.StartsWith("default-src 'self'", first.Headers.GetValues("Content-Security-Policy").Single(),
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task Assets_named_by_their_fingerprint_should_be_immutable_and_load_nothing_from_elsewhere()
    {
        var page = await web.Http.GetStringAsync(new Uri("/", UriKind.Relative));
        var assets = AssetPattern().Matches(page).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(12, assets.Count); // icon, stylesheet, ten scripts (members.js and shares.js: sign-in, sharing)
        foreach (var asset in assets)
        {
            using var response = await GetAsync(asset);
            // An XML namespace is a name, not a fetch.
            var text = (await response.Content.ReadAsStringAsync())
                .Replace("xmlns=\"http://www.w3.org/2000/svg\"", "", StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", string.Join(", ",
                response.Headers.GetValues("Cache-Control")));
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.DoesNotMatch(ExternalPattern(), text);
        }

        Assert.DoesNotMatch(ExternalPattern(), page);
    }

    [Fact]
    public async Task Asset_by_plain_name_or_stale_fingerprint_should_be_served_but_revalidated()
    {
        using var plain = await GetAsync("/assets/app.js");
        using var stale = await GetAsync("/assets/app.0123456789.js");
        using var unchanged = await GetAsync("/assets/app.js", plain.Headers.ETag);

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("public, max-age=60", plain.Headers.CacheControl?.ToString());
        Assert.Equal("text/javascript", plain.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal("no-cache", stale.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
    }

    [Fact]
    public async Task Head_should_answer_the_headers_of_a_page_without_its_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri("/", UriKind.Relative));

        using var response = await web.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    private async Task<HttpResponseMessage> GetAsync(string path, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (ifNoneMatch is not null)
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        return await web.Http.SendAsync(request);
    }

    [GeneratedRegex("(?:href|src)=\"(/assets/[^\"]+)\"")]
    private static partial Regex AssetPattern();

    /// <summary>Any absolute or protocol-relative URL: the nodes may have no internet, so the gallery uses none.
    /// </summary>
    [GeneratedRegex(@"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalPattern();
}

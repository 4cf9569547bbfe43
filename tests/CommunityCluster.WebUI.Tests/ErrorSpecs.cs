using System.Net;

namespace CommunityCluster.WebUI.Tests;

/// <summary>
/// Every error the gallery's routes can answer is a problem document, including those the framework
/// makes itself: unknown route, wrong method, a body that does not bind.
/// </summary>
public sealed class ErrorSpecs(WebNode web) : IClassFixture<WebNode>
{
    private const string Unknown = "0000000000000000000000000000000000000000000000000000000000000000";
    private const string UnknownAlbum = "00000000000000ff";

    public static TheoryData<string, string, int, string?> Cases => new()
    {
        // method, path, status, title (null: the framework's own)
        { "GET", "/api/photos/not-an-id", 400, "malformed photo id" },
        { "GET", $"/api/photos/{Unknown}", 404, "no such photo" },
        { "GET", "/api/photos/not-an-id/original", 400, "malformed photo id" },
        { "GET", $"/api/photos/{Unknown}/original", 404, "no such photo" },
        { "GET", "/api/photos/not-an-id/thumbnail", 400, "malformed photo id" },
        { "GET", $"/api/photos/{Unknown}/thumbnail", 404, "no such photo" },
        { "GET", $"/api/photos/{Unknown}/thumbnail?size=huge", 400, "unknown size" },
        { "GET", "/api/photos/not-an-id/thumbnail/events", 400, "malformed photo id" },
        { "GET", $"/api/photos/{Unknown}/thumbnail/events", 404, "no such photo" },
        { "DELETE", "/api/photos/not-an-id", 400, "malformed photo id" },
        { "DELETE", $"/api/photos/{Unknown}", 404, "no such photo" },
        { "GET", "/api/photos?cursor=not-a-cursor", 400, "bad cursor" },
        { "GET", "/api/photos?limit=0", 400, "bad limit" },
        { "GET", "/api/photos?limit=many", 400, "bad limit" },
        { "GET", "/api/photos?album=Holidays", 400, "malformed album id" },
        { "GET", "/api/photos?day=14-07-2024", 400, "bad day" },
        { "GET", "/api/albums/Holidays", 400, "malformed album id" },
        { "GET", $"/api/albums/{UnknownAlbum}", 404, "no such album" },
        { "DELETE", $"/api/albums/{UnknownAlbum}", 404, "no such album" },
        { "PUT", $"/api/albums/{UnknownAlbum}/photos/not-an-id", 400, "malformed photo id" },
        { "PUT", $"/api/albums/Holidays/photos/{Unknown}", 400, "malformed album id" },
        { "GET", "/api/nothing-here", 404, null },
        { "PUT", "/api/community", 405, null },
        { "POST", "/api/photos/" + Unknown, 405, null },
        { "DELETE", "/api/albums", 405, null },
        { "GET", "/assets/nothing.js", 404, "no such asset" },
        { "GET", "/assets/index.html", 404, "no such asset" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Route_should_answer_an_error_as_problem_details(string method, string path, int status,
        string? title) =>
        Problem.AssertAsync(web, new HttpMethod(method), path, (HttpStatusCode)status, title);

    [Theory]
    [InlineData("")]
    [InlineData("{\"name\": \"\"}")]
    [InlineData("{\"name\": \"   \"}")]
    [InlineData("{\"name\": \"a\\u0007bell\"}")]
    [InlineData("{\"name\": 42}")]
    [InlineData("not json")]
    public Task Album_create_should_refuse_a_bad_name_or_body(string body) =>
        Problem.AssertAsync(web, HttpMethod.Post, "/api/albums", HttpStatusCode.BadRequest, content: Problem.Raw(body));

    [Fact]
    public Task Album_create_should_refuse_a_name_of_101_characters() =>
        Problem.AssertAsync(web, HttpMethod.Post, "/api/albums", HttpStatusCode.BadRequest, "bad album name",
            Problem.Json(new { name = new string('x', 101) }));

    [Fact]
    public async Task Album_create_should_refuse_a_body_that_is_not_json()
    {
        await Problem.AssertAsync(web, HttpMethod.Post, "/api/albums", HttpStatusCode.UnsupportedMediaType,
            content: Problem.Raw("name=Holidays", "application/x-www-form-urlencoded"));
    }

    [Fact]
    public async Task Album_rename_should_refuse_a_bad_name_and_an_unknown_album()
    {
        var (status, _, album) = await web.SendAsync(HttpMethod.Post, "/api/albums",
            Problem.Json(new { name = "Sea" }));
        var id = album.GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.Created, status);
        await Problem.AssertAsync(web, HttpMethod.Patch, $"/api/albums/{id}", HttpStatusCode.BadRequest,
            "bad album name", Problem.Json(new { name = "" }));
        await Problem.AssertAsync(web, HttpMethod.Patch, $"/api/albums/{UnknownAlbum}", HttpStatusCode.NotFound,
            "no such album", Problem.Json(new { name = "Lake" }));
        await Problem.AssertAsync(web, HttpMethod.Patch, "/api/albums/Sea", HttpStatusCode.BadRequest,
            "malformed album id", Problem.Json(new { name = "Lake" }));
    }

    [Fact]
    public async Task Upload_should_refuse_a_body_that_is_not_multipart()
    {
        await Problem.AssertAsync(web, HttpMethod.Post, "/api/photos", HttpStatusCode.UnsupportedMediaType,
            "not a multipart upload", Problem.Raw("{}"));
    }
}

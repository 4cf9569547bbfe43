using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CommunityCluster.WebUI.Tests;

/// <summary>Asserts that an answer is an RFC 7807 problem document with the expected status and title.</summary>
public static class Problem
{
    public static async Task AssertAsync(WebNode web, HttpMethod method, string path, HttpStatusCode status,
        string? title = null, HttpContent? content = null)
    {
        var (actual, mediaType, body) = await web.SendAsync(method, path, content);

        Assert.True(actual == status, $"{method} {path}: expected {(int)status}, got {(int)actual} {body}");
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        if (title is not null)
            Assert.Equal(title, body.GetProperty("title").GetString());
    }

    public static HttpContent Json(object value) => JsonContent.Create(value);

    public static HttpContent Raw(string text, string mediaType = "application/json") =>
        new StringContent(text, Encoding.UTF8, mediaType);

    public static string Of(JsonElement body) => JsonSerializer.Serialize(body);
}

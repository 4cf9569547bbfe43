using System.Net;
using CommunityCluster.Testing;

namespace CommunityCluster.WebUI.Tests;

/// <summary>The routes the gallery added: the community, which node served a photo, the thumbnail events' errors,
/// the OpenAPI document.</summary>
public sealed class ApiSpecs(WebNode web) : IClassFixture<WebNode>
{
    [Fact]
    public async Task Community_should_list_this_node_with_its_profile_and_square_link_tables()
    {
        var body = await Eventually.Until(() => web.Node.GetJsonAsync("/api/community"),
            b => b.GetProperty("members")[0].GetProperty("homeId").ValueKind == System.Text.Json.JsonValueKind.String,
            TimeSpan.FromSeconds(20), "this node's profile to be published");

        var member = body.GetProperty("members")[0];
        Assert.Equal(WebNode.Home, body.GetProperty("self").GetProperty("homeId").GetString());
        Assert.Equal(web.Node.Address, member.GetProperty("address").GetString());
        Assert.Equal(WebNode.Home, member.GetProperty("label").GetString());
        Assert.Equal("Up", member.GetProperty("status").GetString());
        Assert.Contains("photos", member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(1_000_000_000, member.GetProperty("quotaBytes").GetInt64());
        Assert.True(member.GetProperty("hoursOnline").GetDouble() >= 0);
        var links = body.GetProperty("links");
        Assert.Equal(1, links.GetProperty("nodes").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, links.GetProperty("roundTripMs")[0][0].ValueKind);
        Assert.Equal(1, links.GetProperty("throughputMbit")[0].GetArrayLength());
        var replication = body.GetProperty("replication");
        Assert.True(replication.GetProperty("healthy").GetBoolean());
        Assert.Equal(0, replication.GetProperty("underReplicatedPhotos").GetInt32());
    }

    [Fact]
    public async Task Photo_should_say_which_node_served_it_and_where_it_would_read_from()
    {
        var photo = TestPhotos.RandomFile(web.Folder.Combine("served"), "served.jpg", 5_000, seed: 3);
        var (status, _) = await web.Node.UploadAsync(photo);

        var body = await web.Node.GetJsonAsync($"/api/photos/{photo.Id}");

        Assert.Equal(200, status);
        Assert.Equal(web.Node.Address, body.GetProperty("servedBy").GetProperty("address").GetString());
        Assert.Equal(WebNode.Home, body.GetProperty("servedBy").GetProperty("homeId").GetString());
        Assert.Equal(WebNode.Home, body.GetProperty("readOrder")[0].GetProperty("homeId").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("readOrder")[0].GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Community_weeks_should_give_this_home_168_hourly_chances_and_every_photo_readable_now()
    {
        var photo = TestPhotos.RandomFile(web.Folder.Combine("weeks"), "weeks.jpg", 6_000, seed: 5);
        await web.Node.UploadAsync(photo);

        var body = await Eventually.Until(() => web.Node.GetJsonAsync("/api/community/weeks"),
            b => b.GetProperty("homes").GetArrayLength() == 1 && b.GetProperty("readable").GetProperty("photos")
                .GetInt32() >= 1, TimeSpan.FromSeconds(20), "this home's week and the photo to be known");

        var home = body.GetProperty("homes")[0];
        Assert.Equal(WebNode.Home, home.GetProperty("homeId").GetString());
        Assert.True(home.GetProperty("live").GetBoolean());
        Assert.Equal(168, home.GetProperty("chances").GetArrayLength());
        Assert.All(home.GetProperty("chances").EnumerateArray(), c => Assert.InRange(c.GetDouble(), 0, 1));
        Assert.Equal(7, home.GetProperty("chart").GetArrayLength());
        Assert.StartsWith("mon ", home.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.InRange(body.GetProperty("slotNow").GetInt32(), 0, 167);
        var readable = body.GetProperty("readable");
        Assert.Equal(1.0, readable.GetProperty("now").GetDouble());
        Assert.InRange(readable.GetProperty("week").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task Photo_should_show_each_replica_home_with_its_usual_hours()
    {
        var photo = TestPhotos.RandomFile(web.Folder.Combine("hours"), "hours.jpg", 7_000, seed: 6);
        await web.Node.UploadAsync(photo);

        var replica = (await Eventually.Until(() => web.Node.GetJsonAsync($"/api/photos/{photo.Id}"),
            b => b.TryGetProperty("replicas", out var r) && r.GetArrayLength() == 1
                && r[0].GetProperty("usualHours").ValueKind == System.Text.Json.JsonValueKind.Object,
            TimeSpan.FromSeconds(20), "the replica's usual hours")).GetProperty("replicas")[0];

        var hours = replica.GetProperty("usualHours");
        Assert.Equal("live", replica.GetProperty("state").GetString());
        Assert.Equal(7, hours.GetProperty("chart").GetArrayLength());
        Assert.All(hours.GetProperty("chart").EnumerateArray(), line => Assert.Equal(24, line.GetString()!.Length));
        Assert.StartsWith("mon ", hours.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.False(hours.GetProperty("resting").GetBoolean());
    }

    [Fact]
    public async Task Thumbnail_events_should_stream_until_the_photo_settles()
    {
        var photo = TestPhotos.RandomFile(web.Folder.Combine("events"), "events.jpg", 4_000, seed: 4);
        await web.Node.UploadAsync(photo);

        using var response = await web.Http.GetAsync(new Uri($"/api/photos/{photo.Id}/thumbnail/events",
            UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("event: thumbnail\ndata: {", text, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"no-preview\"", text, StringComparison.Ordinal); // random bytes are no image
    }

    [Fact]
    public async Task OpenApi_document_should_describe_the_routes_the_gallery_uses()
    {
        var document = await web.Node.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("CommunityCluster node", document.GetProperty("info").GetProperty("title").GetString());
        foreach (var route in new[] { "/api/photos", "/api/photos/{id}", "/api/photos/{id}/original",
            "/api/photos/{id}/thumbnail", "/api/photos/{id}/thumbnail/events", "/api/albums",
            "/api/albums/{albumId}", "/api/albums/{albumId}/photos/{photoId}", "/api/cameras", "/api/community",
            "/api/community/weeks",
            "/api/cluster/members", "/api/cluster/links", "/api/storage/status", "/health/ready" })
            Assert.True(paths.Contains(route), $"{route} is missing from {string.Join(", ", paths)}");
        Assert.DoesNotContain("/assets/{file}", paths);
    }

    [SharedDataFact]
    public async Task Thumbnail_should_be_cached_immutably_by_its_blob_id()
    {
        var id = await web.UploadReadyAsync(TestPhoto.Of(SharedData.Photo("ianare_Canon_40D.jpg")));

        using var response = await web.Http.GetAsync(new Uri($"/api/photos/{id}/thumbnail?size=small",
            UriKind.Relative));

        var blob = (await web.Node.GetJsonAsync($"/api/photos/{id}")).GetProperty("thumbnails").GetProperty("small")
            .GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable",
            string.Join(", ", response.Headers.GetValues("Cache-Control")));
        Assert.Equal($"\"{blob}\"", response.Headers.ETag?.Tag);
    }
}

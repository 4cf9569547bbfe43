using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommunityCluster.Node.Tests.PhotoHub;
using CommunityCluster.Testing;
using SixLabors.ImageSharp;

namespace CommunityCluster.Node.Tests.MetaHub;

/// <summary>The catalog over real HTTP on one node: records from uploads, queries, edits, albums, deletion.</summary>
public sealed class CatalogApiSpecs(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    private NodeProcess Node => fixture.Node;

    private string Inputs => fixture.Folder.Combine("catalog-inputs");

    [SharedDataFact]
    public async Task Upload_should_record_the_metadata_read_from_the_bytes()
    {
        var canon = TestPhoto.Of(SharedData.Photo("ianare_Canon_40D.jpg"));
        var gps = TestPhoto.Of(SharedData.Photo("ianare_gps_DSCN0010.jpg"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/photos") { Content = Multipart(canon, gps) };
        // The header that named the uploader before accounts is ignored: the uploader is the signed-in member.
        request.Headers.Add("X-Community-Member", "alice");
        using var response = await Node.Http.SendAsync(request);

        var photo = await Node.GetJsonAsync($"/api/photos/{gps.Id}");
        var canonPage = await Node.GetJsonAsync("/api/photos?camera=Canon%20EOS%2040D");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("NIKON COOLPIX P6000", photo.GetProperty("camera").GetString());
        Assert.Equal(640, photo.GetProperty("width").GetInt32());
        Assert.Equal("2008-10-22T16:28:39", photo.GetProperty("takenAt").GetProperty("local").GetString());
        Assert.InRange(photo.GetProperty("gps").GetProperty("latitude").GetDouble(), 43.46, 43.47);
        Assert.Equal(MemberCredentials.AdminName, photo.GetProperty("uploader").GetString());
        Assert.Contains(photo.GetProperty("state").GetString(), new[] { "thumbnails-pending", "ready" });
        Assert.Equal("home", photo.GetProperty("replicas")[0].GetProperty("homeId").GetString());
        Assert.Equal([canon.Id], Ids(canonPage));
    }

    [Fact]
    public async Task Catalog_should_follow_the_thumbnails_to_ready_with_their_ids_or_to_no_preview()
    {
        var picture = Path.Combine(Inputs, "gradient.jpg");
        Directory.CreateDirectory(Inputs);
        using (var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(800, 600))
        {
            image.ProcessPixelRows(rows =>
            {
                for (var y = 0; y < rows.Height; y++)
                {
                    var row = rows.GetRowSpan(y);
                    for (var x = 0; x < row.Length; x++)
                        row[x] = new SixLabors.ImageSharp.PixelFormats.Rgb24((byte)x, (byte)y, 90);
                }
            });
            await image.SaveAsJpegAsync(picture);
        }

        var good = TestPhoto.Of(picture);
        var broken = TestPhotos.RandomFile(Inputs, "broken.jpg", 40_000, seed: 7);
        var header = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }; // a JPEG to the sniffer, nothing a decoder can read
        await using (var file = File.OpenWrite(broken.Path))
            await file.WriteAsync(header);
        broken = TestPhoto.Of(broken.Path);

        await Node.UploadAllAsync([good, broken]);

        var ready = await Eventually.Until(() => Node.GetJsonAsync($"/api/photos/{good.Id}"),
            p => p.GetProperty("state").GetString() == "ready", TimeSpan.FromSeconds(90),
            "the catalog to say ready", p => p.ToString());
        var brokenRecord = await Eventually.Until(() => Node.GetJsonAsync($"/api/photos/{broken.Id}"),
            p => p.GetProperty("state").GetString() is "no-preview", TimeSpan.FromSeconds(90),
            "the catalog to say no preview for the broken file", p => p.ToString());
        var listed = await Node.GetJsonAsync("/api/photos?limit=100");
        var summary = listed.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("id").GetString() == good.Id);

        var small = ready.GetProperty("thumbnails").GetProperty("small").GetProperty("id").GetString();
        var large = ready.GetProperty("thumbnails").GetProperty("large").GetProperty("id").GetString();
        Assert.Matches("^[0-9a-f]{64}$", small);
        Assert.Equal("ready", summary.GetProperty("state").GetString());
        Assert.Equal(small, summary.GetProperty("thumbnails").GetProperty("small").GetString());
        Assert.Equal(large, summary.GetProperty("thumbnails").GetProperty("large").GetString());
        Assert.Equal("no-preview", brokenRecord.GetProperty("thumbnails").GetProperty("state").GetString());
    }

    [Fact]
    public async Task List_should_page_newest_taken_first_with_a_cursor_and_refuse_a_bad_one()
    {
        var photos = Enumerable.Range(0, 5).Select(i => TestPhotos.RandomFile(Inputs, $"IMG_2019010{i + 1}_120000.jpg", 2_000 + i, seed: 100 + i)).ToList();
        await Node.UploadAllAsync(photos);

        var first = await Node.GetJsonAsync("/api/photos?limit=2&day=2019-01-05");
        var all = new List<string>();
        string? cursor = null;
        do
        {
            var page = await Node.GetJsonAsync("/api/photos?limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            all.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        using var badCursor = await Node.Http.GetAsync(new Uri("/api/photos?cursor=bm90LWEtY3Vyc29y", UriKind.Relative));
        using var badLimit = await Node.Http.GetAsync(new Uri("/api/photos?limit=1000", UriKind.Relative));

        Assert.Equal([photos[4].Id], Ids(first));
        var ours = all.Where(id => photos.Any(p => p.Id == id)).ToList();
        Assert.Equal(photos.AsEnumerable().Reverse().Select(p => p.Id), ours);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.Equal("application/problem+json", badCursor.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    [Fact]
    public async Task Albums_should_be_created_renamed_filled_listed_and_deleted()
    {
        var photo = TestPhotos.RandomFile(Inputs, "album member.jpg", 5_000, seed: 200);
        await Node.UploadAllAsync([photo]);

        using var created = await Node.Http.PostAsJsonAsync("/api/albums", new { name = "Summer" });
        var albumId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var renamed = await Send(HttpMethod.Patch, $"/api/albums/{albumId}", new { name = "Summer 2024" });
        using var added = await Node.Http.PutAsync(new Uri($"/api/albums/{albumId}/photos/{photo.Id}", UriKind.Relative), null);
        var inAlbum = await Node.GetJsonAsync($"/api/photos?album={albumId}");
        var album = await Node.GetJsonAsync($"/api/albums/{albumId}");
        using var badId = await Node.Http.GetAsync(new Uri("/api/albums/not-an-album", UriKind.Relative));
        using var deleted = await Node.Http.DeleteAsync(new Uri($"/api/albums/{albumId}", UriKind.Relative));
        using var gone = await Node.Http.GetAsync(new Uri($"/api/photos?album={albumId}", UriKind.Relative));
        var described = await Node.GetJsonAsync($"/api/photos/{photo.Id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        Assert.Equal([photo.Id], Ids(inAlbum));
        Assert.Equal("Summer 2024", album.GetProperty("name").GetString());
        Assert.Equal(1, album.GetProperty("photos").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(0, described.GetProperty("albums").GetArrayLength());
    }

    [Fact]
    public async Task Reupload_should_keep_the_title_and_albums_and_delete_should_remove_the_record_at_once()
    {
        var photo = TestPhotos.RandomFile(Inputs, "kept.jpg", 7_000, seed: 300);
        await Node.UploadAllAsync([photo]);
        using var created = await Node.Http.PostAsJsonAsync("/api/albums", new { name = "Kept" });
        var albumId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using var edited = await Send(HttpMethod.Patch, $"/api/photos/{photo.Id}",
            new { title = "Our title", addAlbums = new[] { albumId }, addTags = new[] { "Beach" } });

        var (status, _) = await Node.UploadAsync(photo);
        var afterReupload = await Node.GetJsonAsync($"/api/photos/{photo.Id}");
        using var delete = await Node.Http.DeleteAsync(new Uri($"/api/photos/{photo.Id}", UriKind.Relative));
        var listed = await Node.GetJsonAsync($"/api/photos?album={albumId}");
        using var described = await Node.Http.GetAsync(new Uri($"/api/photos/{photo.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(200, status);
        Assert.Equal("Our title", afterReupload.GetProperty("title").GetString());
        Assert.Equal(albumId, afterReupload.GetProperty("albums")[0].GetProperty("id").GetString());
        Assert.Equal("beach", afterReupload.GetProperty("tags")[0].GetString());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Empty(Ids(listed));
        Assert.Equal(HttpStatusCode.NotFound, described.StatusCode);
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, object body) =>
        await Node.Http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });

    private static MultipartFormDataContent Multipart(params TestPhoto[] photos)
    {
        var content = new MultipartFormDataContent();
        foreach (var photo in photos)
            content.Add(new StreamContent(File.OpenRead(photo.Path)), "file", photo.Name);
        return content;
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
}

using System.Net;
using CommunityCluster.Testing;

namespace CommunityCluster.Node.Tests.PhotoHub;

/// <summary>Upload, dedup, describe, read and delete on one node, over real HTTP.</summary>
public sealed class PhotoApiSpecs(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    private NodeProcess Node => fixture.Node;

    private string Inputs => fixture.Folder.Combine("api-inputs");

    [Fact]
    public async Task Upload_should_store_the_same_bytes_once_and_answer_with_the_existing_id()
    {
        var photo = TestPhotos.RandomFile(Inputs, "twice.jpg", 1_500_000, seed: 11);
        var copy = Path.Combine(Inputs, "twice copy.jpg");
        File.Copy(photo.Path, copy, overwrite: true);

        var (_, first) = await Node.UploadAsync(photo);
        var (status, second) = await Node.UploadAsync(TestPhoto.Of(copy));

        Assert.Equal(200, status);
        Assert.False(first.GetProperty("photos")[0].GetProperty("existed").GetBoolean());
        Assert.True(second.GetProperty("photos")[0].GetProperty("existed").GetBoolean());
        Assert.Equal(photo.Id, second.GetProperty("photos")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Photo_should_be_described_with_its_replicas_and_served_with_its_type()
    {
        var photo = TestPhotos.RandomFile(Inputs, "described.jpg", 2_200_000, seed: 12);
        await Node.UploadAllAsync([photo]);

        var described = await Node.GetJsonAsync($"/api/photos/{photo.Id}");
        using var original = await Node.Http.GetAsync(new Uri($"/api/photos/{photo.Id}/original", UriKind.Relative));

        Assert.Equal(3, described.GetProperty("chunks").GetInt32());
        Assert.Equal("home", described.GetProperty("replicas")[0].GetProperty("homeId").GetString());
        Assert.Equal("application/octet-stream", original.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{photo.Id}\"", original.Headers.ETag?.Tag);
        Assert.Equal(photo.Size, original.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Delete_should_hide_the_photo_at_once_and_free_its_chunks_after_the_grace()
    {
        var photo = TestPhotos.RandomFile(Inputs, "deleted.jpg", 1_200_000, seed: 13);
        await Node.UploadAllAsync([photo]);
        var chunkFiles = Directory.GetFiles(Path.Combine(Node.DataDirectory, "chunks"), "*", SearchOption.AllDirectories);

        using var delete = await Node.Http.DeleteAsync(new Uri($"/api/photos/{photo.Id}", UriKind.Relative));
        using var again = await Node.Http.DeleteAsync(new Uri($"/api/photos/{photo.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(404, (await Node.DownloadHashAsync(photo.Id)).Status);
        var chunkIds = File.ReadAllBytes(photo.Path).Chunk(1024 * 1024)
            .Select(c => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(c))).ToList();
        await Eventually.Until(() => !chunkFiles.Any(f => chunkIds.Contains(Path.GetFileName(f)) && File.Exists(f)),
            TimeSpan.FromSeconds(45), "the deleted photo's chunks to be freed after the 2 s grace");
    }

    [Fact]
    public async Task Upload_should_bring_back_a_photo_that_was_deleted()
    {
        var photo = TestPhotos.RandomFile(Inputs, "back.jpg", 300_000, seed: 14);
        await Node.UploadAllAsync([photo]);
        using (await Node.Http.DeleteAsync(new Uri($"/api/photos/{photo.Id}", UriKind.Relative)))
        {
        }

        var (status, body) = await Node.UploadAsync(photo);

        Assert.Equal(200, status);
        Assert.False(body.GetProperty("photos")[0].GetProperty("existed").GetBoolean());
        Assert.Equal((200, photo.Id), await Node.DownloadHashAsync(photo.Id));
    }

    [Fact]
    public async Task Upload_should_stream_a_large_file_through_disk_not_memory()
    {
        var large = TestPhotos.RandomFile(Inputs, "large-but-allowed.jpg", SingleNodeFixture.MaxUploadBytes, seed: 15);

        var (status, _) = await Node.UploadAsync(large);

        Assert.Equal(200, status);
        Assert.Equal((200, large.Id), await Node.DownloadHashAsync(large.Id));
    }
}

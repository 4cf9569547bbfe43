using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using CommunityCluster.Testing;

namespace CommunityCluster.Node.Tests.PhotoHub;

/// <summary>
/// The resumable upload routes and <c>POST /api/photos/known</c> on a real node: the happy path,
/// resuming, and every bad input (wrong offset, wrong hash, over the limit, unknown or malformed
/// ids, bad ranges, a chunk cut short) answered with a problem and nothing half-stored.
/// </summary>
public sealed class ResumableUploadSpecs(ResumableUploadFixture fixture) : IClassFixture<ResumableUploadFixture>
{
    private const int Chunk = 256 * 1024;

    private NodeProcess Node => fixture.Node;

    private TestPhoto Photo(string name, long size, int seed) =>
        TestPhotos.RandomFile(fixture.Folder.Combine("inputs"), name, size, seed);

    private async Task<string> OpenedAsync(TestPhoto photo)
    {
        var (status, body) = await Node.OpenAsync(photo.Id, photo.Size, photo.Name);
        Assert.True(status == 201, $"open answered {status}: {body}");
        return body.GetProperty("uploadId").GetString()!;
    }

    [Fact]
    public async Task Resumable_upload_should_store_a_photo_sent_in_chunks_byte_identical()
    {
        var photo = Photo("chunked.jpg", 1_000_000, seed: 11);
        var before = (await Node.UploadStatsAsync()).GetProperty("committed").GetInt64();

        var stored = await Node.SendWholeAsync(photo, Chunk);

        Assert.Equal(photo.Id, stored.GetProperty("id").GetString());
        Assert.False(stored.GetProperty("existed").GetBoolean());
        Assert.Equal((200, photo.Id), await Node.DownloadHashAsync(photo.Id));
        Assert.Equal(before + 1, (await Node.UploadStatsAsync()).GetProperty("committed").GetInt64());
        Assert.Empty(Directory.GetFiles(fixture.PartialFolder));
    }

    [Fact]
    public async Task Resumable_upload_should_resume_by_content_at_the_offset_the_node_holds()
    {
        var photo = Photo("resumed.jpg", 700_000, seed: 12);
        var bytes = await File.ReadAllBytesAsync(photo.Path);
        var uploadId = await OpenedAsync(photo);
        await Node.PutAsync(uploadId, bytes[..Chunk], 0, bytes.Length);

        var (status, again) = await Node.OpenAsync(photo.Id, photo.Size, photo.Name);
        var (_, progress) = await Node.ProgressAsync(uploadId);

        Assert.Equal(200, status);
        Assert.Equal(uploadId, again.GetProperty("uploadId").GetString());
        Assert.Equal(Chunk, again.GetProperty("offset").GetInt64());
        Assert.Equal(Chunk, progress.GetProperty("offset").GetInt64());
        Assert.Equal(photo.Id, (await Node.SendWholeAsync(photo, Chunk)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Resumable_upload_should_refuse_a_chunk_at_the_wrong_offset_and_say_where_it_stands()
    {
        var photo = Photo("offset.jpg", 600_000, seed: 13);
        var bytes = await File.ReadAllBytesAsync(photo.Path);
        var uploadId = await OpenedAsync(photo);
        await Node.PutAsync(uploadId, bytes[..Chunk], 0, bytes.Length);

        var (ahead, aheadBody) = await Node.PutAsync(uploadId, bytes[(2 * Chunk)..], 2 * Chunk, bytes.Length);
        var (again, againBody) = await Node.PutAsync(uploadId, bytes[..Chunk], 0, bytes.Length);

        Assert.Equal(409, ahead);
        Assert.Equal("wrong offset", aheadBody.GetProperty("title").GetString());
        Assert.Equal(Chunk, aheadBody.GetProperty("offset").GetInt64());
        Assert.Equal(409, again);
        Assert.Equal(Chunk, againBody.GetProperty("offset").GetInt64());
        Assert.Equal(Chunk, (await Node.ProgressAsync(uploadId)).Body.GetProperty("offset").GetInt64());
    }

    [Fact]
    public async Task Resumable_upload_should_refuse_bytes_that_hash_to_another_id_and_store_nothing()
    {
        var declared = Photo("declared.jpg", 300_000, seed: 14);
        var sent = Photo("other-bytes.jpg", 300_000, seed: 15);
        var uploadId = await OpenedAsync(declared);
        await Node.PutAsync(uploadId, await File.ReadAllBytesAsync(sent.Path), 0, sent.Size);

        var (status, body) = await Node.CommitAsync(uploadId);

        Assert.Equal(422, status);
        Assert.Equal("hash mismatch", body.GetProperty("title").GetString());
        Assert.Contains(sent.Id, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(404, (await Node.DownloadHashAsync(declared.Id)).Status);
        Assert.Equal(404, (await Node.DownloadHashAsync(sent.Id)).Status);
        Assert.Equal(404, (await Node.ProgressAsync(uploadId)).Status);
    }

    [Fact]
    public async Task Resumable_upload_should_refuse_a_commit_before_every_byte_arrived()
    {
        var photo = Photo("early.jpg", 400_000, seed: 16);
        var uploadId = await OpenedAsync(photo);
        await Node.PutAsync(uploadId, (await File.ReadAllBytesAsync(photo.Path))[..1000], 0, photo.Size);

        var (status, body) = await Node.CommitAsync(uploadId);

        Assert.Equal(409, status);
        Assert.Equal(1000, body.GetProperty("offset").GetInt64());
        Assert.Equal(404, (await Node.DownloadHashAsync(photo.Id)).Status);
    }

    [Fact]
    public async Task Resumable_upload_should_refuse_a_declared_size_over_the_limit_or_below_one()
    {
        var id = new string('a', 64);

        var (over, overBody) = await Node.OpenAsync(id, ResumableUploadFixture.MaxUploadBytes + 1);
        var (zero, _) = await Node.OpenAsync(id, 0);

        Assert.Equal(413, over);
        Assert.Equal("file too large", overBody.GetProperty("title").GetString());
        Assert.Equal(400, zero);
    }

    [Theory]
    [InlineData("not-hex")]
    [InlineData("../../etc/passwd")]
    [InlineData("0BC60E5D06AEB4D65B820728EA5351E8559444715F37EE74EE15608412851676zz")]
    public async Task Resumable_upload_should_refuse_a_malformed_photo_id(string id)
    {
        var (status, body) = await Node.OpenAsync(id, 100);

        Assert.Equal(400, status);
        Assert.Equal("malformed photo id", body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Resumable_upload_should_answer_404_for_an_unknown_upload_and_400_for_a_malformed_one()
    {
        var unknown = new string('0', 32);

        var answers = new[]
        {
            (await Node.ProgressAsync(unknown)).Status,
            (await Node.PutAsync(unknown, [1, 2, 3], 0, 3)).Status,
            (await Node.CommitAsync(unknown)).Status,
            (await Node.ProgressAsync("..%2F..%2Fetc")).Status,
            (await Node.PutAsync("ZZ" + unknown[2..], [1], 0, 1)).Status,
            (await Node.CommitAsync("abc")).Status,
        };

        Assert.Equal([404, 404, 404, 400, 400, 400], answers);
    }

    [Fact]
    public async Task Resumable_upload_should_refuse_ranges_that_do_not_fit_the_upload()
    {
        var photo = Photo("ranges.jpg", 100_000, seed: 17);
        var uploadId = await OpenedAsync(photo);
        var uri = new Uri($"/api/uploads/{uploadId}", UriKind.Relative);

        var pastEnd = (await Node.PutAsync(uploadId, new byte[10], photo.Size - 5, photo.Size)).Status;
        var wrongTotal = (await Node.PutAsync(uploadId, new byte[10], 0, photo.Size + 1)).Status;
        using var noRange = await Node.Http.PutAsync(uri, new ByteArrayContent(new byte[10]));

        Assert.Equal([400, 400, 400], [pastEnd, wrongTotal, (int)noRange.StatusCode]);
        Assert.Equal(0, (await Node.ProgressAsync(uploadId)).Body.GetProperty("offset").GetInt64());
    }

    [Fact]
    public async Task Resumable_upload_should_keep_nothing_of_a_chunk_cut_short()
    {
        var photo = Photo("truncated.jpg", 900_000, seed: 18);
        var bytes = await File.ReadAllBytesAsync(photo.Path);
        var uploadId = await OpenedAsync(photo);
        await Node.PutAsync(uploadId, bytes[..Chunk], 0, bytes.Length);

        using (var socket = await SendPartialChunk(uploadId, bytes, Chunk, length: 400_000, send: 150_000))
        {
            // Only once the node is writing the chunk: a reset before it reads the request drops it unseen.
            var part = Path.Combine(fixture.PartialFolder, uploadId + ".part");
            await Eventually.Until(() => new FileInfo(part).Length > Chunk, TimeSpan.FromSeconds(30),
                "the node to start writing the chunk");
            socket.LingerState = new LingerOption(true, 0); // a dropped connection: reset mid-chunk
        }

        var refused = $"Upload {uploadId} of photo {photo.Id}: chunk at byte {Chunk} refused";
        await Eventually.Until(() => Node.LogText().Contains(refused, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the node to refuse the chunk cut short");
        Assert.Equal(Chunk, (await Node.ProgressAsync(uploadId)).Body.GetProperty("offset").GetInt64());
        Assert.Equal(photo.Id, (await Node.SendWholeAsync(photo, Chunk)).GetProperty("id").GetString());
        Assert.Equal((200, photo.Id), await Node.DownloadHashAsync(photo.Id));
    }

    [Fact]
    public async Task Resumable_upload_should_drop_an_unfinished_upload_after_the_expiry()
    {
        var photo = Photo("expires.jpg", 500_000, seed: 19);
        var uploadId = await OpenedAsync(photo);
        await Node.PutAsync(uploadId, (await File.ReadAllBytesAsync(photo.Path))[..Chunk], 0, photo.Size);

        await Eventually.Until(async () => (await Node.ProgressAsync(uploadId)).Status, status => status == 404,
            ResumableUploadFixture.Expiry * 4, "the idle upload to expire");

        Assert.DoesNotContain(Directory.GetFiles(fixture.PartialFolder),
            f => f.Contains(uploadId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Known_should_list_only_the_ids_the_community_holds()
    {
        var held = Photo("held.jpg", 50_000, seed: 20);
        var absent = Photo("absent.jpg", 50_000, seed: 21);
        await Node.UploadAllAsync([held]);

        using var response = await Node.Http.PostAsJsonAsync(new Uri("/api/photos/known", UriKind.Relative),
            new { ids = new[] { held.Id, absent.Id, held.Id.ToUpperInvariant() } });
        var known = await response.Content.ReadFromJsonAsync<KnownAnswer>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([held.Id], known!.Known);
    }

    [Fact]
    public async Task Known_should_refuse_malformed_ids_too_many_ids_and_bad_json()
    {
        var uri = new Uri("/api/photos/known", UriKind.Relative);

        using var malformed = await Node.Http.PostAsJsonAsync(uri, new { ids = new[] { "../x" } });
        using var tooMany = await Node.Http.PostAsJsonAsync(uri,
            new { ids = Enumerable.Repeat(new string('a', 64), 1001).ToArray() });
        using var notJson = await Node.Http.PostAsync(uri,
            new StringContent("{ids:", Encoding.UTF8, "application/json"));

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest],
            [malformed.StatusCode, tooMany.StatusCode, notJson.StatusCode]);
        Assert.Equal("application/problem+json", notJson.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A PUT whose Content-Length and range promise <paramref name="length"/> bytes; it sends fewer.</summary>
    private async Task<Socket> SendPartialChunk(string uploadId, byte[] bytes, int start, int length, int send)
    {
        var head = Encoding.ASCII.GetBytes($"PUT /api/uploads/{uploadId} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + $"Authorization: Bearer {await Node.ApiTokenAsync()}\r\n"
            + $"Content-Range: bytes {start}-{start + length - 1}/{bytes.Length}\r\nContent-Length: {length}\r\n\r\n");
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, Node.HttpPort);
        await socket.SendAsync(head);
        await socket.SendAsync(bytes.AsMemory(start, send));
        return socket;
    }

    private sealed record KnownAnswer(IReadOnlyList<string> Known);
}

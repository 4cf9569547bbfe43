using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CommunityCluster.Testing;

namespace CommunityCluster.Node.Tests.PhotoHub;

/// <summary>Every malformed upload gets a clear 4xx, leaves no temp file and stores nothing.</summary>
public sealed class UploadBadInputSpecs(SingleNodeFixture fixture) : IClassFixture<SingleNodeFixture>
{
    private NodeProcess Node => fixture.Node;

    private async Task AssertNothingStored(TestPhoto photo)
    {
        var (status, _) = await Node.DownloadHashAsync(photo.Id);
        Assert.Equal(404, status);
        await Eventually.Until(() => fixture.NoUploadLeftovers, TimeSpan.FromSeconds(10), "no upload temp file to remain");
    }

    private static async Task<(int Status, string Body)> Send(NodeProcess node, HttpContent content)
    {
        using var response = await node.Http.PostAsync(new Uri("/api/photos", UriKind.Relative), content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Upload_should_refuse_an_empty_body()
    {
        var content = new ByteArrayContent([]);
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=nothing-here");

        var (status, body) = await Send(Node, content);

        Assert.Equal(400, status);
        Assert.Contains("malformed upload", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_should_refuse_a_body_that_is_not_multipart()
    {
        var (status, body) = await Send(Node, new StringContent("just text", Encoding.UTF8, "text/plain"));

        Assert.Equal(415, status);
        Assert.Contains("multipart/form-data", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_should_refuse_a_request_without_a_file_part()
    {
        using var content = new MultipartFormDataContent { { new StringContent("a title"), "title" } };

        var (status, body) = await Send(Node, content);

        Assert.Equal(400, status);
        Assert.Contains("no file part", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_should_refuse_an_empty_file()
    {
        var empty = TestPhotos.RandomFile(fixture.Folder.Combine("inputs"), "empty.jpg", 0, seed: 1);

        var (status, body) = await Node.UploadAsync(empty);

        Assert.Equal(400, status);
        Assert.Contains("empty file", body.ToString(), StringComparison.Ordinal);
        await Eventually.Until(() => fixture.NoUploadLeftovers, TimeSpan.FromSeconds(10), "no upload temp file to remain");
    }

    [Fact]
    public async Task Upload_should_refuse_a_file_over_the_limit_and_keep_nothing()
    {
        var large = TestPhotos.RandomFile(fixture.Folder.Combine("inputs"), "large.jpg", SingleNodeFixture.MaxUploadBytes + 1, seed: 2);

        var (status, body) = await Node.UploadAsync(large);

        Assert.Equal(413, status);
        Assert.Equal("file too large", body.GetProperty("title").GetString());
        await AssertNothingStored(large);
    }

    [Fact]
    public async Task Upload_should_keep_the_photos_stored_before_a_bad_part_and_say_so()
    {
        var good = TestPhotos.RandomFile(fixture.Folder.Combine("inputs"), "good-first.jpg", 200_000, seed: 3);
        var large = TestPhotos.RandomFile(fixture.Folder.Combine("inputs"), "large-second.jpg", SingleNodeFixture.MaxUploadBytes + 10, seed: 4);

        var (status, body) = await Node.UploadAsync(good, large);

        Assert.Equal(413, status);
        Assert.Equal(good.Id, body.GetProperty("stored")[0].GetProperty("id").GetString());
        Assert.Equal((200, good.Id), await Node.DownloadHashAsync(good.Id));
        await AssertNothingStored(large);
    }

    [Fact]
    public async Task Upload_should_store_nothing_when_the_client_disconnects_mid_upload()
    {
        var photo = TestPhotos.RandomFile(fixture.Folder.Combine("inputs"), "cut.jpg", 2_000_000, seed: 5);

        using (var socket = await SendPartialUpload(photo, bytesToSend: 700_000))
        {
            socket.LingerState = new LingerOption(true, 0); // close with a reset, as a dropped connection does
        }

        await AssertNothingStored(photo);
        Assert.True(Node.IsRunning);
    }

    [Fact]
    public async Task Upload_should_answer_4xx_to_a_body_shorter_than_its_content_length()
    {
        // The client sends part of what its Content-Length promises, then waits for an answer.
        var photo = TestPhotos.RandomFile(fixture.Folder.Combine("inputs"), "short.jpg", 2_000_000, seed: 6);
        using var socket = await SendPartialUpload(photo, bytesToSend: 500_000);

        var answer = await ReadAll(socket);

        Assert.Matches(@"^HTTP/1\.1 4\d\d ", answer);
        Assert.Contains("incomplete upload", answer, StringComparison.Ordinal);
        await AssertNothingStored(photo);
    }

    [Theory]
    [InlineData("..%2F..")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("has%20spaces")]
    [InlineData("0BC60E5D06AEB4D65B820728EA5351E8559444715F37EE74EE15608412851676zz")]
    [InlineData("not-hex-but-sixty-four-characters-long-xxxxxxxxxxxxxxxxxxxxxxxxx")]
    public async Task Photo_routes_should_refuse_a_malformed_id(string id)
    {
        foreach (var path in new[] { $"/api/photos/{id}", $"/api/photos/{id}/original" })
        {
            using var get = await Node.Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
            Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        }

        using var delete = await Node.Http.DeleteAsync(new Uri($"/api/photos/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
    }

    [Fact]
    public async Task Photo_routes_should_refuse_a_10_kb_id_without_harm()
    {
        var id = new string('a', 10_000);

        using var get = await Node.Http.GetAsync(new Uri($"/api/photos/{id}/original", UriKind.Relative));

        Assert.True((int)get.StatusCode is 400 or 414, $"a 10 KB id answered {(int)get.StatusCode}");
        Assert.True(await Node.IsReadyAsync());
    }

    [Fact]
    public async Task Photo_routes_should_answer_404_for_an_unknown_photo()
    {
        var unknown = new string('0', 64);

        using var meta = await Node.Http.GetAsync(new Uri($"/api/photos/{unknown}", UriKind.Relative));
        using var original = await Node.Http.GetAsync(new Uri($"/api/photos/{unknown}/original", UriKind.Relative));
        using var delete = await Node.Http.DeleteAsync(new Uri($"/api/photos/{unknown}", UriKind.Relative));

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], [meta.StatusCode, original.StatusCode, delete.StatusCode]);
    }

    /// <summary>Opens a raw connection and sends an upload whose Content-Length promises the whole file, but only part of it.</summary>
    private async Task<Socket> SendPartialUpload(TestPhoto photo, int bytesToSend)
    {
        const string boundary = "cut-short-boundary";
        var head = Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{photo.Name}\"\r\n"
            + "Content-Type: image/jpeg\r\n\r\n");
        var tail = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        var bytes = await File.ReadAllBytesAsync(photo.Path);
        var request = Encoding.ASCII.GetBytes($"POST /api/photos HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + $"Authorization: Bearer {await Node.ApiTokenAsync()}\r\n"
            + $"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {head.Length + bytes.Length + tail.Length}\r\n\r\n");

        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, Node.HttpPort);
        await socket.SendAsync(request);
        await socket.SendAsync(head);
        await socket.SendAsync(bytes.AsMemory(0, bytesToSend));
        return socket;
    }

    private static async Task<string> ReadAll(Socket socket)
    {
        var buffer = new byte[16 * 1024];
        var text = new StringBuilder();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token)) > 0)
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));

        return text.ToString();
    }
}

using System.Security.Cryptography;
using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Upload;
using CommunityCluster.Testing;

namespace CommunityCluster.Photos.Tests;

public sealed class UploadReceiverSpecs : IDisposable
{
    private readonly TestFolder _folder = new(nameof(UploadReceiverSpecs));

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(ChunkLayout.ChunkSize)]
    [InlineData(ChunkLayout.ChunkSize + 1)]
    [InlineData(3 * ChunkLayout.ChunkSize + 12_345)]
    public async Task Receiver_should_hash_the_file_and_cut_it_into_chunks_as_it_streams(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);

        var file = await UploadReceiver.ReceiveAsync(new MemoryStream(bytes), "../../etc/photo.jpg", _folder.Path, 10_000_000, CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.PhotoId);
        Assert.Equal(bytes.Chunk(ChunkLayout.ChunkSize).Select(c => ContentId.Of(c).Hex), file.Chunks.Select(c => c.Id));
        Assert.Equal(size, file.Chunks.Sum(c => c.Length));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file.TempPath));
        Assert.Equal("photo.jpg", file.FileName);
    }

    [Fact]
    public async Task Receiver_should_remove_its_temp_file_when_the_upload_is_too_large()
    {
        var bytes = new byte[300_000];

        await Assert.ThrowsAsync<UploadTooLargeException>(() =>
            UploadReceiver.ReceiveAsync(new MemoryStream(bytes), "big.jpg", _folder.Path, 200_000, CancellationToken.None));

        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public async Task Receiver_should_remove_its_temp_file_when_the_stream_breaks()
    {
        var broken = new BreakingStream(after: 150_000);

        await Assert.ThrowsAsync<IOException>(() =>
            UploadReceiver.ReceiveAsync(broken, "cut.jpg", _folder.Path, 10_000_000, CancellationToken.None));

        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    private sealed class BreakingStream(int after) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= after)
                throw new IOException("connection reset by peer");

            var n = Math.Min(count, after - _position);
            _position += n;
            return n;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Chunks;
using CommunityCluster.Testing;

namespace CommunityCluster.Photos.Tests;

public sealed class ChunkFilesSpecs : IDisposable
{
    private readonly TestFolder _folder = new(nameof(ChunkFilesSpecs));

    public void Dispose() => _folder.Dispose();

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void ChunkFiles_should_store_verify_and_count_a_chunk()
    {
        var files = new ChunkFiles(_folder.Path, quotaBytes: 10_000_000);
        var bytes = Bytes(100_000, 1);
        var id = ContentId.Of(bytes).Hex;

        var fault = files.Write(id, bytes);
        var (readFault, read) = files.ReadVerified(id);

        Assert.Equal(ChunkFault.None, fault);
        Assert.Equal(ChunkFault.None, readFault);
        Assert.Equal(bytes, read);
        Assert.Equal(100_000, files.UsedBytes);
        Assert.Empty(Directory.GetFiles(files.TempFolder));
    }

    [Fact]
    public void ChunkFiles_should_refuse_bytes_that_do_not_match_the_id()
    {
        var files = new ChunkFiles(_folder.Path, quotaBytes: 10_000_000);
        var id = ContentId.Of(Bytes(10, 1)).Hex;

        var fault = files.Write(id, Bytes(10, 2));

        Assert.Equal(ChunkFault.HashMismatch, fault);
        Assert.False(files.Has(id));
        Assert.Empty(Directory.GetFiles(files.TempFolder));
    }

    [Fact]
    public void ChunkFiles_should_never_exceed_the_quota()
    {
        var files = new ChunkFiles(_folder.Path, quotaBytes: 150_000);
        var first = Bytes(100_000, 1);
        var second = Bytes(100_000, 2);

        Assert.Equal(ChunkFault.None, files.Write(ContentId.Of(first).Hex, first));
        Assert.Equal(ChunkFault.QuotaExceeded, files.Write(ContentId.Of(second).Hex, second));

        Assert.Equal(100_000, files.UsedBytes);
        Assert.False(files.HasRoomFor(60_000));
    }

    [Fact]
    public void ChunkFiles_should_remove_a_rotten_chunk_instead_of_serving_it()
    {
        var files = new ChunkFiles(_folder.Path, quotaBytes: 10_000_000);
        var bytes = Bytes(50_000, 3);
        var id = ContentId.Of(bytes).Hex;
        files.Write(id, bytes);
        var rotten = (byte[])bytes.Clone();
        rotten[25_000] ^= 1;
        File.WriteAllBytes(files.PathOf(id), rotten);

        var (fault, read) = files.ReadVerified(id);

        Assert.Equal(ChunkFault.Corrupt, fault);
        Assert.Null(read);
        Assert.False(files.Has(id));
        Assert.False(File.Exists(files.PathOf(id)));
        Assert.Equal(0, files.UsedBytes);
    }

    [Fact]
    public void ChunkFiles_should_count_its_chunks_again_after_a_restart_and_drop_half_written_ones()
    {
        var files = new ChunkFiles(_folder.Path, quotaBytes: 10_000_000);
        var bytes = Bytes(70_000, 4);
        files.Write(ContentId.Of(bytes).Hex, bytes);
        File.WriteAllBytes(files.NewTempPath(ContentId.Of(bytes).Hex), [1, 2, 3]);

        var reopened = new ChunkFiles(_folder.Path, quotaBytes: 10_000_000);

        Assert.Equal(1, reopened.Count);
        Assert.Equal(70_000, reopened.UsedBytes);
        Assert.Empty(Directory.GetFiles(reopened.TempFolder));
    }

    [Fact]
    public void ChunkFiles_should_read_a_range_of_a_chunk()
    {
        var files = new ChunkFiles(_folder.Path, quotaBytes: 10_000_000);
        var bytes = Bytes(200_000, 5);
        var id = ContentId.Of(bytes).Hex;
        files.Write(id, bytes);

        var (fault, piece) = files.ReadRange(id, ChunkLayout.PieceSize * 3, ChunkLayout.PieceSize);

        Assert.Equal(ChunkFault.None, fault);
        Assert.Equal(bytes[(ChunkLayout.PieceSize * 3)..], piece);
    }
}

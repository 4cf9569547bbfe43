using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Chunks;

namespace CommunityCluster.Photos.Tests;

/// <summary>A chunk put together from pieces of the sizes senders choose by their link.</summary>
public sealed class PartialChunkSpecs : IDisposable
{
    private const int Block = ChunkLayout.MinPieceSize;
    private readonly string _folder = Directory.CreateTempSubdirectory("partial-chunk-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private PartialChunk NewChunk(int length) => new(Path.Combine(_folder, Guid.NewGuid().ToString("N")), length);

    private static byte[] Slice(byte[] bytes, int offset, int length) =>
        bytes[offset..Math.Min(offset + length, bytes.Length)];

    [Fact]
    public void Chunk_should_be_whole_from_pieces_of_different_sizes()
    {
        var bytes = Bytes(100_000);
        using var chunk = NewChunk(bytes.Length);

        Assert.True(chunk.Accept(0, Slice(bytes, 0, ChunkLayout.PieceSize)));
        Assert.False(chunk.IsWhole);
        Assert.True(chunk.Accept(ChunkLayout.PieceSize, Slice(bytes, ChunkLayout.PieceSize, Block)));
        var rest = ChunkLayout.PieceSize + Block;
        Assert.True(chunk.Accept(rest, Slice(bytes, rest, 4 * Block)));

        Assert.True(chunk.IsWhole);
        Assert.Equal(bytes, File.ReadAllBytes(chunk.Close()));
    }

    [Fact]
    public void Chunk_should_count_a_repeated_or_overlapping_piece_once()
    {
        var bytes = Bytes(3 * Block);
        using var chunk = NewChunk(bytes.Length);

        chunk.Accept(0, Slice(bytes, 0, Block));
        chunk.Accept(0, Slice(bytes, 0, Block));
        chunk.Accept(0, Slice(bytes, 0, 2 * Block));
        var wholeBeforeLast = chunk.IsWhole;
        chunk.Accept(2 * Block, Slice(bytes, 2 * Block, Block));

        Assert.False(wholeBeforeLast);
        Assert.True(chunk.IsWhole);
        Assert.Equal(bytes, File.ReadAllBytes(chunk.Close()));
    }

    [Theory]
    [InlineData(100, Block)]                       // offset off the grain
    [InlineData(0, Block + 1)]                     // length off the grain, not at the end
    [InlineData(0, ChunkLayout.PieceSize + Block)] // longer than a piece
    [InlineData(-Block, Block)]                    // before the start
    [InlineData(8 * Block, Block)]                 // past the end
    [InlineData(7 * Block, 2 * Block)]             // running past the end
    [InlineData(0, 0)]                             // empty
    public void Chunk_should_refuse_a_piece_that_does_not_fit(int offset, int length)
    {
        using var chunk = NewChunk(8 * Block);

        Assert.False(chunk.Accept(offset, new byte[length]));
        Assert.False(chunk.IsWhole);
    }

    [Fact]
    public void Chunk_should_take_a_short_last_piece_at_the_end()
    {
        var bytes = Bytes(Block + 123);
        using var chunk = NewChunk(bytes.Length);

        Assert.True(chunk.Accept(Block, Slice(bytes, Block, Block)));
        Assert.True(chunk.Accept(0, Slice(bytes, 0, Block)));

        Assert.True(chunk.IsWhole);
        Assert.Equal(bytes, File.ReadAllBytes(chunk.Close()));
    }
}

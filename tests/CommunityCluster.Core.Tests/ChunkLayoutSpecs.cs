using CommunityCluster.Core.Storage;

namespace CommunityCluster.Core.Tests;

/// <summary>How big a piece is and how many fly at once, for the links of the study's homes.</summary>
public sealed class ChunkLayoutSpecs
{
    private static double Mbit(double mbit) => mbit * 1e6 / 8;

    [Fact]
    public void Layout_should_send_full_pieces_two_at_a_time_over_an_unmeasured_link()
    {
        Assert.Equal(ChunkLayout.PieceSize, ChunkLayout.PieceSizeFor(null));
        Assert.Equal(2, ChunkLayout.Window(null));
        Assert.Equal(ChunkLayout.PieceSize, ChunkLayout.PieceSizeFor(0));
    }

    /// <summary>The study's ADSL uplinks (0.26 and 0.66 Mbit/s) and a fibre link (76 Mbit/s).</summary>
    [Theory]
    [InlineData(0.26, 8 * 1024, 1)]
    [InlineData(0.66, 16 * 1024, 2)]
    [InlineData(2.0, 56 * 1024, 2)]
    [InlineData(76, 64 * 1024, 32)]
    public void Layout_should_size_pieces_to_about_a_quarter_second_of_the_link(double mbit, int pieceSize, int window)
    {
        var size = ChunkLayout.PieceSizeFor(Mbit(mbit));

        Assert.Equal(pieceSize, size);
        Assert.Equal(window, ChunkLayout.Window(Mbit(mbit)));
        Assert.Equal(0, size % ChunkLayout.MinPieceSize);
    }

    [Fact]
    public void Layout_should_never_queue_much_more_than_a_quarter_second_on_a_slow_link()
    {
        foreach (var mbit in new[] { 0.1, 0.26, 0.5, 0.66, 1.0, 1.9 })
        {
            var inFlight = ChunkLayout.PieceSizeFor(Mbit(mbit)) * ChunkLayout.Window(Mbit(mbit));

            // One smallest piece may exceed the quarter second on the slowest links; nothing more.
            Assert.True(inFlight <= Math.Max(Mbit(mbit) * 0.25 * 2, ChunkLayout.MinPieceSize),
                $"{mbit} Mbit/s: {inFlight} bytes in flight");
        }
    }

    [Fact]
    public void Layout_should_count_pieces_of_any_size()
    {
        Assert.Equal(16, ChunkLayout.PieceCount(ChunkLayout.ChunkSize));
        Assert.Equal(128, ChunkLayout.PieceCount(ChunkLayout.ChunkSize, 8 * 1024));
        Assert.Equal(2, ChunkLayout.PieceCount(8 * 1024 + 1, 8 * 1024));
        Assert.Equal(1, ChunkLayout.PieceCount(1, 16 * 1024));
    }
}

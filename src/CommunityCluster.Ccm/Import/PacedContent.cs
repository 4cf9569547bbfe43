using System.Net;

namespace CommunityCluster.Ccm.Import;

/// <summary>
/// One chunk's bytes as a request body, written in 64 KiB pieces that each wait for the bandwidth
/// cap, reporting every piece to the progress display as it leaves.
/// </summary>
public sealed class PacedContent(ReadOnlyMemory<byte> bytes, Pacer pacer, Action<int> sent, CancellationToken cancel)
    : HttpContent
{
    private const int Piece = 64 * 1024;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var at = 0; at < bytes.Length; at += Piece)
        {
            var piece = bytes.Slice(at, Math.Min(Piece, bytes.Length - at));
            await pacer.WaitAsync(piece.Length, cancel);
            await stream.WriteAsync(piece, cancel);
            sent(piece.Length);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = bytes.Length;
        return true;
    }
}

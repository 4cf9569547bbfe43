using CommunityCluster.Core.Storage;

namespace CommunityCluster.Photos.Chunks;

/// <summary>
/// A chunk arriving piece by piece into a temp file. Pieces may come in any order and twice, and
/// of any size the layout allows (senders size them by their link); what arrived is counted in
/// blocks of <see cref="ChunkLayout.MinPieceSize"/>, each written and counted once.
/// </summary>
internal sealed class PartialChunk : IDisposable
{
    private readonly FileStream _file;
    private readonly int _length;
    private readonly bool[] _blocks;
    private int _blocksReceived;
    private DateTime _lastActivity = DateTime.UtcNow;

    public PartialChunk(string tempPath, int length)
    {
        TempPath = tempPath;
        _length = length;
        _file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        _file.SetLength(length);
        _blocks = new bool[Math.Max(1, (length + ChunkLayout.MinPieceSize - 1) / ChunkLayout.MinPieceSize)];
    }

    public string TempPath { get; }

    public bool IsWhole => _blocksReceived == _blocks.Length;

    public TimeSpan IdleFor => DateTime.UtcNow - _lastActivity;

    /// <summary>
    /// Writes a piece; false when it does not fit the chunk: an offset off the block grain, a
    /// length over a piece or past the end, or a length off the grain anywhere but at the end.
    /// </summary>
    public bool Accept(int offset, byte[] data)
    {
        var end = (long)offset + data.Length;
        var fitsGrain = data.Length % ChunkLayout.MinPieceSize == 0 || end == _length;
        if (offset < 0 || offset % ChunkLayout.MinPieceSize != 0 || offset >= _length || data.Length == 0
            || data.Length > ChunkLayout.PieceSize || end > _length || !fitsGrain)
            return false;

        _lastActivity = DateTime.UtcNow;
        var first = offset / ChunkLayout.MinPieceSize;
        var last = (int)((end - 1) / ChunkLayout.MinPieceSize);
        if (Enumerable.Range(first, last - first + 1).All(block => _blocks[block]))
            return true;

        _file.Position = offset;
        _file.Write(data);
        for (var block = first; block <= last; block++)
        {
            _blocksReceived += _blocks[block] ? 0 : 1;
            _blocks[block] = true;
        }

        return true;
    }

    /// <summary>Flushes to the disk itself (not just the OS cache) and hands over the temp file.</summary>
    public string Close()
    {
        _file.Flush(flushToDisk: true);
        _file.Dispose();
        return TempPath;
    }

    public void Abandon()
    {
        _file.Dispose();
        File.Delete(TempPath);
    }

    public void Dispose() => _file.Dispose();
}

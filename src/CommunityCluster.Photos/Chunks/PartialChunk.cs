using CommunityCluster.Core.Storage;

namespace CommunityCluster.Photos.Chunks;

/// <summary>
/// A chunk arriving piece by piece into a temp file. Pieces may come in any order and twice;
/// each is written at its offset and counted once.
/// </summary>
internal sealed class PartialChunk : IDisposable
{
    private readonly FileStream _file;
    private readonly int _length;
    private readonly HashSet<int> _received = [];
    private DateTime _lastActivity = DateTime.UtcNow;

    public PartialChunk(string tempPath, int length)
    {
        TempPath = tempPath;
        _length = length;
        _file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        _file.SetLength(length);
    }

    public string TempPath { get; }

    public bool IsWhole => _received.Count == ChunkLayout.PieceCount(_length);

    public TimeSpan IdleFor => DateTime.UtcNow - _lastActivity;

    public bool Accept(int offset, byte[] data)
    {
        var expected = Math.Min(ChunkLayout.PieceSize, _length - offset);
        if (offset < 0 || offset % ChunkLayout.PieceSize != 0 || offset >= _length || data.Length != expected)
            return false;

        _lastActivity = DateTime.UtcNow;
        if (!_received.Add(offset))
            return true;

        _file.Position = offset;
        _file.Write(data);
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

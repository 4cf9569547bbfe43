using System.Security.Cryptography;
using CommunityCluster.Core.Storage;

namespace CommunityCluster.Photos.Chunks;

/// <summary>Why a chunk could not be written or read.</summary>
public enum ChunkFault
{
    None,
    Missing,
    Corrupt,
    QuotaExceeded,
    HashMismatch,
    IoError,
}

/// <summary>
/// A node's chunks on its local disk: one file per chunk under <c>chunks/ab/cd/&lt;id&gt;</c>.
/// A write goes to a temp file, is fsynced, then renamed into place, so a power cut leaves either
/// no chunk or a whole one; a read verifies the hash, so a rotten file is noticed, never served.
/// Not thread-safe: one actor owns it.
/// </summary>
public sealed class ChunkFiles
{
    private readonly string _root;
    private readonly string _temp;
    private readonly long _quotaBytes;
    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);

    public ChunkFiles(string dataDirectory, long quotaBytes)
    {
        _root = Path.Combine(dataDirectory, "chunks");
        _temp = Path.Combine(_root, "tmp");
        _quotaBytes = quotaBytes;
        Directory.CreateDirectory(_root);
        ResetTemp();
        CountChunks();
    }

    public long UsedBytes { get; private set; }

    public long QuotaBytes => _quotaBytes;

    public int Count => _sizes.Count;

    public string TempFolder => _temp;

    public bool Has(string chunkId) => _sizes.ContainsKey(chunkId);

    public IReadOnlyCollection<string> Ids => _sizes.Keys;

    public bool HasRoomFor(long bytes) => UsedBytes + bytes <= _quotaBytes;

    /// <summary>A fresh temp file path for a chunk being received.</summary>
    public string NewTempPath(string chunkId) => Path.Combine(_temp, $"{chunkId}.{Guid.NewGuid():N}.part");

    /// <summary>
    /// Moves a fully received temp file into place after checking its hash and the quota.
    /// The temp file is gone afterwards, whatever the outcome.
    /// </summary>
    public ChunkFault Commit(string tempPath, string chunkId)
    {
        try
        {
            var length = new FileInfo(tempPath).Length;
            if (Has(chunkId))
                return ChunkFault.None;

            if (!HasRoomFor(length))
                return ChunkFault.QuotaExceeded;

            if (HashOf(tempPath) != chunkId)
                return ChunkFault.HashMismatch;

            var path = PathOf(chunkId);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(tempPath, path, overwrite: true);
            _sizes[chunkId] = length;
            UsedBytes += length;
            return ChunkFault.None;
        }
        catch (IOException)
        {
            return ChunkFault.IoError;
        }
        finally
        {
            File.Delete(tempPath);
        }
    }

    /// <summary>Writes a whole chunk held in memory (a pull from another replica).</summary>
    public ChunkFault Write(string chunkId, ReadOnlySpan<byte> bytes)
    {
        var temp = NewTempPath(chunkId);
        using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        return Commit(temp, chunkId);
    }

    /// <summary>Reads and verifies a whole chunk. A chunk whose bytes no longer match its id is removed.</summary>
    public (ChunkFault Fault, byte[]? Bytes) ReadVerified(string chunkId)
    {
        if (!Has(chunkId))
            return (ChunkFault.Missing, null);

        try
        {
            var bytes = File.ReadAllBytes(PathOf(chunkId));
            if (ContentId.Of(bytes).Hex == chunkId)
                return (ChunkFault.None, bytes);

            Delete(chunkId);
            return (ChunkFault.Corrupt, null);
        }
        catch (FileNotFoundException)
        {
            Forget(chunkId);
            return (ChunkFault.Missing, null);
        }
        catch (IOException)
        {
            return (ChunkFault.IoError, null);
        }
    }

    /// <summary>Reads part of a chunk without verifying it: the reader verifies the whole chunk it assembles.</summary>
    public (ChunkFault Fault, byte[]? Bytes) ReadRange(string chunkId, int offset, int length)
    {
        if (!Has(chunkId))
            return (ChunkFault.Missing, null);

        try
        {
            using var file = new FileStream(PathOf(chunkId), FileMode.Open, FileAccess.Read, FileShare.Read);
            file.Position = offset;
            var buffer = new byte[Math.Max(0, Math.Min(length, (int)(file.Length - offset)))];
            file.ReadExactly(buffer);
            return (ChunkFault.None, buffer);
        }
        catch (FileNotFoundException)
        {
            Forget(chunkId);
            return (ChunkFault.Missing, null);
        }
        catch (IOException)
        {
            return (ChunkFault.IoError, null);
        }
    }

    public DateTime WrittenAt(string chunkId)
    {
        var info = new FileInfo(PathOf(chunkId));
        return info.Exists ? info.LastWriteTimeUtc : DateTime.MinValue;
    }

    public void Delete(string chunkId)
    {
        File.Delete(PathOf(chunkId));
        Forget(chunkId);
    }

    public string PathOf(string chunkId) => Path.Combine(_root, chunkId[..2], chunkId[2..4], chunkId);

    private void Forget(string chunkId)
    {
        if (_sizes.Remove(chunkId, out var size))
            UsedBytes -= size;
    }

    /// <summary>At start the node counts what its disk holds: it never needs copies of chunks it has.</summary>
    private void CountChunks()
    {
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            if (file.StartsWith(_temp, StringComparison.Ordinal) || !ContentId.TryParse(name, out _))
                continue;

            var size = new FileInfo(file).Length;
            _sizes[name] = size;
            UsedBytes += size;
        }
    }

    /// <summary>Half-received chunks from before a crash are worthless: the sender retries whole chunks.</summary>
    private void ResetTemp()
    {
        if (Directory.Exists(_temp))
            Directory.Delete(_temp, recursive: true);
        Directory.CreateDirectory(_temp);
    }

    private static string HashOf(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}

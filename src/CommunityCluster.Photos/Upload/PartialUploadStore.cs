using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;

namespace CommunityCluster.Photos.Upload;

/// <summary>Figures of the resumable uploads on one web node since it started, for tests and operators.</summary>
public sealed record PartialUploadStats(int Open, long BytesHeld, long BytesReceived, long Committed);

/// <summary>
/// The unfinished resumable uploads of one web node, on its disk under <c>&lt;data&gt;/tmp/resumable</c>:
/// per upload a <c>.json</c> of what the client declared and a <c>.part</c> of the bytes received,
/// which a node restart keeps. A chunk is appended whole or not at all (cut short, the file is
/// truncated back), so the length of the <c>.part</c> file is always the offset to resume from.
/// One upload takes one chunk at a time; different uploads proceed in parallel.
/// </summary>
public sealed class PartialUploadStore
{
    /// <summary>Unfinished uploads kept at once, so a client cannot fill the disk with opened uploads.</summary>
    public const int MaxOpenUploads = 256;

    private const int CurrentVersion = 1;

    private readonly ConcurrentDictionary<string, Slot> _uploads = new(StringComparer.Ordinal);
    private readonly Lock _openGate = new();
    private long _bytesReceived;
    private long _committed;

    public PartialUploadStore(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
        Load();
    }

    public string Folder { get; }

    public PartialUploadStats Stats =>
        new(_uploads.Count, _uploads.Keys.Sum(Offset), Interlocked.Read(ref _bytesReceived),
            Interlocked.Read(ref _committed));

    /// <summary>
    /// The upload of these bytes: the unfinished one for the same photo id and size when there is one
    /// (so a client that lost its upload id resumes by content), else a new, empty one.
    /// </summary>
    public (PartialUpload Upload, long Offset, bool Opened) Open(string photoId, long size, string fileName,
        string uploader)
    {
        lock (_openGate)
        {
            var existing = _uploads.Values.FirstOrDefault(s => s.Upload.PhotoId == photoId && s.Upload.Size == size);
            if (existing is not null)
                return (existing.Upload, Offset(existing.Upload.UploadId), false);

            if (_uploads.Count >= MaxOpenUploads)
                throw new TooManyUploadsException(MaxOpenUploads);

            var upload = new PartialUpload(CurrentVersion, Guid.NewGuid().ToString("N"), photoId, size, fileName,
                uploader, DateTimeOffset.UtcNow);
            File.Create(PartPath(upload.UploadId)).Dispose();
            WriteInfo(upload);
            _uploads[upload.UploadId] = new Slot(upload);
            return (upload, 0, true);
        }
    }

    public bool TryGet(string uploadId, out PartialUpload upload)
    {
        var found = _uploads.TryGetValue(uploadId, out var slot);
        upload = slot?.Upload!;
        return found;
    }

    /// <summary>
    /// Bytes received in whole chunks so far. Not the file's length read from outside: that includes
    /// a chunk still arriving, which may yet be cut short and truncated away.
    /// </summary>
    public long Offset(string uploadId) =>
        _uploads.TryGetValue(uploadId, out var slot) ? Interlocked.Read(ref slot.Offset) : 0;

    /// <summary>
    /// Appends exactly <paramref name="length"/> bytes of <paramref name="body"/> at <paramref name="start"/>,
    /// which must be the current offset. Anything else leaves the upload as it was and throws.
    /// </summary>
    public async Task<long> AppendAsync(string uploadId, long start, long length, Stream body, CancellationToken cancel)
    {
        var slot = Find(uploadId);
        await slot.Gate.WaitAsync(cancel);
        try
        {
            RequirePresent(slot);
            await using var part = new FileStream(PartPath(uploadId), FileMode.Open, FileAccess.Write, FileShare.Read,
                1, useAsync: true);
            var offset = part.Length;
            if (start != offset)
                throw new UploadOffsetMismatchException(offset, start);
            if (start + length > slot.Upload.Size)
                throw new UploadChunkLengthException(
                    $"bytes {start} to {start + length - 1} pass the end of a {slot.Upload.Size}-byte upload");

            part.Position = offset;
            try
            {
                await CopyExactlyAsync(body, part, length, cancel);
                await part.FlushAsync(cancel);
            }
            catch
            {
                part.SetLength(offset);
                throw;
            }

            Interlocked.Add(ref _bytesReceived, length);
            Interlocked.Exchange(ref slot.Offset, offset + length);
            return offset + length;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> with the upload to itself (no chunk can land meanwhile).</summary>
    public async Task<T> WithUploadAsync<T>(string uploadId, Func<PartialUpload, string, Task<T>> work,
        CancellationToken cancel)
    {
        var slot = Find(uploadId);
        await slot.Gate.WaitAsync(cancel);
        try
        {
            RequirePresent(slot);
            return await work(slot.Upload, PartPath(uploadId));
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    /// <summary>Forgets an upload and deletes its files; call it inside <see cref="WithUploadAsync{T}"/>.</summary>
    public void Remove(string uploadId, bool committed)
    {
        if (!_uploads.TryRemove(uploadId, out var slot))
            return;

        slot.Removed = true;
        File.Delete(PartPath(uploadId));
        File.Delete(InfoPath(uploadId));
        if (committed)
            Interlocked.Increment(ref _committed);
    }

    /// <summary>Removes the uploads that received nothing for <paramref name="expiry"/>; returns them.</summary>
    public IReadOnlyList<PartialUpload> Expire(DateTimeOffset now, TimeSpan expiry)
    {
        var expired = new List<PartialUpload>();
        foreach (var slot in _uploads.Values)
        {
            var lastWrite = new DateTimeOffset(File.GetLastWriteTimeUtc(PartPath(slot.Upload.UploadId)), TimeSpan.Zero);
            var lastActivity = lastWrite > slot.Upload.OpenedAt ? lastWrite : slot.Upload.OpenedAt;
            if (now - lastActivity <= expiry || !slot.Gate.Wait(0))
                continue; // fresh, or a chunk is arriving right now

            try
            {
                Remove(slot.Upload.UploadId, committed: false);
                expired.Add(slot.Upload);
            }
            finally
            {
                slot.Gate.Release();
            }
        }

        return expired;
    }

    private static async Task CopyExactlyAsync(Stream body, Stream part, long length, CancellationToken cancel)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long copied = 0;
            int read;
            while ((read = await UploadReceiver.WithStallTimeout(
                       t => body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - copied + 1)), t)
                           .AsTask(), cancel)) > 0)
            {
                if (copied + read > length)
                    throw new UploadChunkLengthException(
                        $"the chunk carries more than the {length} bytes its range says");

                await part.WriteAsync(buffer.AsMemory(0, read), cancel);
                copied += read;
            }

            if (copied < length)
                throw new UploadChunkLengthException($"the chunk was cut short: {copied} of {length} bytes arrived");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Slot Find(string uploadId) =>
        _uploads.TryGetValue(uploadId, out var slot) ? slot : throw new KeyNotFoundException(uploadId);

    private static void RequirePresent(Slot slot)
    {
        if (slot.Removed)
            throw new KeyNotFoundException(slot.Upload.UploadId);
    }

    /// <summary>Reads what a previous run left; anything unreadable, of another version or half-written goes.</summary>
    private void Load()
    {
        foreach (var info in Directory.GetFiles(Folder, "*.json"))
        {
            var upload = TryRead(info);
            if (upload is { Version: CurrentVersion } && File.Exists(PartPath(upload.UploadId)))
                _uploads[upload.UploadId] = new Slot(upload)
                {
                    Offset = new FileInfo(PartPath(upload.UploadId)).Length,
                };
            else
                File.Delete(info);
        }

        foreach (var file in Directory.GetFiles(Folder).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)))
        {
            var kept = file.EndsWith(".part", StringComparison.Ordinal)
                && _uploads.ContainsKey(Path.GetFileNameWithoutExtension(file));
            if (!kept)
                File.Delete(file);
        }
    }

    private static PartialUpload? TryRead(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<PartialUpload>(File.ReadAllText(path), JsonSerializerOptions.Web);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    private void WriteInfo(PartialUpload upload)
    {
        var temp = InfoPath(upload.UploadId) + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(upload, JsonSerializerOptions.Web));
        File.Move(temp, InfoPath(upload.UploadId), overwrite: true);
    }

    private string PartPath(string uploadId) => Path.Combine(Folder, uploadId + ".part");

    private string InfoPath(string uploadId) => Path.Combine(Folder, uploadId + ".json");

    private sealed class Slot(PartialUpload upload)
    {
        public PartialUpload Upload { get; } = upload;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public volatile bool Removed;

        /// <summary>The part file's length after the last whole chunk; used through Interlocked.</summary>
        public long Offset;
    }
}

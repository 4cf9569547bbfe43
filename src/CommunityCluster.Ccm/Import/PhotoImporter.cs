namespace CommunityCluster.Ccm.Import;

/// <summary>
/// One import run over the files of a folder, a batch at a time: hash the batch, ask the node
/// which ids the community already holds, send the rest (<see cref="ImportOptions.Parallel"/> at
/// once) through resumable uploads. A batch bounds the work lost to a crash and lets sending start
/// before a library of thousands of files is hashed. A node that stops answering ends the run
/// (<see cref="NodeUnreachableException"/>); anything wrong with one file is that file's outcome.
/// </summary>
public sealed class PhotoImporter(ImportOptions options, NodeApi api, UploadLimits limits, ImportReport report,
    ImportProgress progress, Pacer pacer, string? albumId)
{
    public const int BatchSize = 200;

    /// <summary>Bytes per PUT: a dropped link loses little, and requests do not dominate the time.</summary>
    public const int ChunkBytes = 2 * 1024 * 1024;

    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

    public async Task RunAsync(IReadOnlyList<LibraryFile> files, CancellationToken cancel)
    {
        foreach (var batch in files.Chunk(BatchSize))
        {
            var photos = new List<Classified>();
            foreach (var file in batch)
            {
                progress.Start(file.RelativePath);
                var classified = await LibraryScan.ClassifyAsync(file, limits.MaxUploadBytes, cancel);
                if (classified.SkipReason is { } reason)
                    await FinishAsync(file, ImportOutcome.Skipped, reason, null, cancel);
                else if (_seen.TryGetValue(classified.Id!, out var first))
                    await FinishAsync(file, ImportOutcome.Present, $"same bytes as {first}", classified.Id, cancel);
                else
                {
                    _seen[classified.Id!] = file.RelativePath;
                    photos.Add(classified);
                }
            }

            var known = photos.Count == 0 ? new HashSet<string>()
                : await api.KnownAsync(photos.Select(p => p.Id!).ToList(), cancel);
            foreach (var photo in photos.Where(p => known.Contains(p.Id!)))
                await FinishAsync(photo.File, ImportOutcome.Present, "already in the community", photo.Id, cancel);

            var parallel = new ParallelOptions
            {
                MaxDegreeOfParallelism = options.Parallel,
                CancellationToken = cancel,
            };
            await Parallel.ForEachAsync(photos.Where(p => !known.Contains(p.Id!)), parallel, SendAsync);
        }
    }

    private async ValueTask SendAsync(Classified photo, CancellationToken cancel)
    {
        var file = photo.File;
        try
        {
            var (outcome, reason, sent, resumedAt) = await UploadAsync(file, photo.Id!, cancel);
            await FinishAsync(file, outcome, reason, photo.Id, cancel, sent, resumedAt);
        }
        catch (NodeRefusedException e)
        {
            await FinishAsync(file, ImportOutcome.Failed, "the node refused it: " + e.Message, photo.Id, cancel);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await FinishAsync(file, ImportOutcome.Skipped, "unreadable: " + e.Message, photo.Id, cancel);
        }
    }

    private async Task<(ImportOutcome, string?, long, long)> UploadAsync(LibraryFile file, string id,
        CancellationToken cancel)
    {
        await using var content = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite,
            1, useAsync: true);
        if (content.Length != file.Size)
            return (ImportOutcome.Failed, "changed since it was hashed; run the import again", 0, 0);

        var opened = await api.OpenAsync(id, file.Size, Path.GetFileName(file.FullPath), cancel);
        if (opened.Existed)
            return (ImportOutcome.Present, "stored meanwhile by someone else", 0, 0);

        var (offset, sent) = (opened.Offset, 0L);
        var buffer = new byte[Math.Min(ChunkBytes, limits.MaxChunkBytes)];
        while (offset < file.Size)
        {
            var length = (int)Math.Min(buffer.Length, file.Size - offset);
            content.Position = offset;
            await content.ReadExactlyAsync(buffer.AsMemory(0, length), cancel);
            try
            {
                var at = offset;
                void Sent(int n) => progress.Sent(file.RelativePath, n);
                offset = await api.PutAsync(opened.UploadId!, offset, file.Size,
                    () => new PacedContent(buffer.AsMemory(0, length), pacer, Sent, cancel), cancel);
                sent += offset - at;
            }
            catch (NodeRefusedException e) when (e is { Status: 409, Offset: { } at })
            {
                offset = at; // another run or a retried request got there first: continue from the node's offset
            }
        }

        try
        {
            var existed = await api.CommitAsync(opened.UploadId!, cancel);
            var reason = opened.Offset > 0 ? $"resumed at byte {opened.Offset}" : null;
            return (existed ? ImportOutcome.Present : ImportOutcome.Imported, reason, sent, opened.Offset);
        }
        catch (NodeRefusedException e) when (e.Status == 422)
        {
            return (ImportOutcome.Failed, "changed while it was being sent (the node found another hash); "
                + "run the import again", sent, opened.Offset);
        }
    }

    private async Task FinishAsync(LibraryFile file, ImportOutcome outcome, string? reason, string? id,
        CancellationToken cancel, long sent = 0, long resumedAt = 0)
    {
        if (albumId is not null && id is not null && outcome is ImportOutcome.Imported or ImportOutcome.Present)
        {
            try
            {
                await api.AddToAlbumAsync(albumId, id, cancel);
            }
            catch (NodeRefusedException e)
            {
                reason = (reason is null ? "" : reason + "; ") + "not added to the album: " + e.Detail;
            }
        }

        var entry = new ImportEntry(file.RelativePath, file.Size, outcome, reason, id, sent, resumedAt);
        report.Record(entry);
        progress.Finish(entry);
    }
}

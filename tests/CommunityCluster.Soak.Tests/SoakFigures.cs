using System.Collections.Concurrent;

namespace CommunityCluster.Soak.Tests;

/// <summary>What a soak counted and measured; written by the workload, the faults and the checks.</summary>
public sealed class SoakFigures
{
    private readonly ConcurrentDictionary<string, DateTime> _unreadableSince = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private int _uploadsAcknowledged;
    private int _uploadsFailed;
    private int _readsOk;
    private int _readsFailed;

    public int UploadsAcknowledged => _uploadsAcknowledged;

    public int UploadsFailed => _uploadsFailed;

    public int ReadsOk => _readsOk;

    public int ReadsFailed => _readsFailed;

    /// <summary>Photo id to the local file of every upload the cluster acknowledged.</summary>
    public ConcurrentDictionary<string, string> Acknowledged { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Faults { get; } = new(StringComparer.Ordinal);

    /// <summary>Homes that downed themselves (exit 3) while frozen or cut off, and were restarted.</summary>
    public ConcurrentQueue<string> SelfDowned { get; } = new();

    /// <summary>Anything that breaks the promise: a lost photo, a death nobody caused, an unexplained error.</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    /// <summary>Episodes of under-replication seen by the sampler: start, and how long until none.</summary>
    public ConcurrentQueue<(TimeSpan At, TimeSpan Took, long MostChunks)> RepairEpisodes { get; } = new();

    public TimeSpan? FinalRepair { get; set; }

    public int ExplainedErrorLines { get; set; }

    /// <summary>Replica fills still pending when no chunk was under-replicated any more (most over the homes).</summary>
    public int PendingFillsAfterRepair { get; set; }

    public TimeSpan LongestUnreadable { get; private set; }

    public string? LongestUnreadablePhoto { get; private set; }

    public void UploadAcknowledged(string photoId, string path)
    {
        Interlocked.Increment(ref _uploadsAcknowledged);
        Acknowledged.TryAdd(photoId, path);
    }

    public void UploadFailed() => Interlocked.Increment(ref _uploadsFailed);

    public void Count(string fault) => Faults.AddOrUpdate(fault, 1, (_, n) => n + 1);

    /// <summary>A read of the photo failed: it is unreadable from now until a read succeeds.</summary>
    public void ReadFailed(string photoId)
    {
        Interlocked.Increment(ref _readsFailed);
        _unreadableSince.TryAdd(photoId, DateTime.UtcNow);
    }

    public void ReadSucceeded(string photoId)
    {
        Interlocked.Increment(ref _readsOk);
        if (!_unreadableSince.TryRemove(photoId, out var since))
            return;

        var took = DateTime.UtcNow - since;
        lock (_gate)
        {
            if (took <= LongestUnreadable)
                return;
            LongestUnreadable = took;
            LongestUnreadablePhoto = photoId;
        }
    }
}

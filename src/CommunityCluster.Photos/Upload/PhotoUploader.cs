using Akka.Actor;
using Akka.Event;
using CommunityCluster.Core.Storage;
using CommunityCluster.Discovery;
using CommunityCluster.Photos.Entity;
using CommunityCluster.Photos.Transfer;

namespace CommunityCluster.Photos.Upload;

/// <summary>The outcome of one stored upload.</summary>
public sealed record StoredPhoto(string PhotoId, string FileName, long Size, string ContentType, bool Existed, IReadOnlyList<string> Holders);

/// <summary>A blob rendered from photo <paramref name="DerivedFrom"/>, kept in <paramref name="ReplicationFactor"/> copies.</summary>
public sealed record DerivedBlob(string DerivedFrom, int ReplicationFactor);

/// <summary>Not enough nodes could take the photo: the upload is refused and nothing is recorded.</summary>
public sealed class StorageUnavailableException(string message) : Exception(message);

/// <summary>
/// Stores a received file: asks the photo's entity where it goes, pushes the chunks to every
/// target at once, and acknowledges as soon as the write quorum holds every chunk; the other
/// targets keep filling in the background and report to the entity when done. The temp file is
/// deleted once every push has ended.
/// </summary>
public sealed class PhotoUploader(ActorSystem system, IActorRef photos, CommunityDirectory directory, IActorRef linkProber)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Pauses before each request for homes to replace failed pushes. Past the first, they give a
    /// home's view of the community time to fill in (profiles spread by gossip every 2 s).
    /// </summary>
    private static readonly TimeSpan[] ReplanPauses = [TimeSpan.Zero, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    private readonly ILoggingAdapter _log = Logging.GetLogger(system, typeof(PhotoUploader));

    public Task<StoredPhoto> StoreAsync(ReceivedFile file, CancellationToken cancel) => StoreAsync(file, blob: null, cancel);

    /// <summary>Stores a file; with <paramref name="blob"/>, as a blob rendered from a photo, with its own replication factor.</summary>
    public async Task<StoredPhoto> StoreAsync(ReceivedFile file, DerivedBlob? blob, CancellationToken cancel)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var plan = await photos.Ask<IPhotoHubMessageReply>(new PlanUpload(file.PhotoId, file.Size, blob?.ReplicationFactor), AskTimeout, cancel);
        if (plan is AlreadyStored stored)
        {
            File.Delete(file.TempPath);
            return Existing(stored.Manifest);
        }

        var uploadPlan = (UploadPlan)plan;
        if (uploadPlan.Targets.Count == 0)
        {
            File.Delete(file.TempPath);
            throw new StorageUnavailableException("no photos node is up with room for this photo");
        }

        return await PushAndCommit(file, uploadPlan, blob, clock, cancel);
    }

    private async Task<StoredPhoto> PushAndCommit(ReceivedFile file, UploadPlan plan, DerivedBlob? blob,
        System.Diagnostics.Stopwatch clock, CancellationToken cancel)
    {
        var planned = clock.Elapsed;
        var links = await directory.LinksAsync(cancel);
        var targets = plan.Targets.ToDictionary(t => t.NodeId);
        var pushes = plan.Targets.ToDictionary(t => t.NodeId, t => StartPush(file, t, links));

        try
        {
            await WaitForQuorum(pushes, plan.WriteQuorum);
            var existing = await ReplaceFailedPushes(file, plan, blob, links, targets, pushes, cancel);
            if (existing is not null)
                return existing;
        }
        finally
        {
            // Every push started, replacements included, reads the temp file until it ends.
            _ = Task.WhenAll(pushes.Values.ToList())
                .ContinueWith(_ => File.Delete(file.TempPath), TaskScheduler.Default);
        }

        var pushed = clock.Elapsed;
        var holders = Holders(pushes);
        if (holders.Count < plan.WriteQuorum)
            throw new StorageUnavailableException($"only {holders.Count} of the {plan.WriteQuorum} nodes needed could store the photo");

        var filling = pushes.Where(p => !holders.Contains(p.Key) && !p.Value.IsCompleted).ToList();
        var committed = await photos.Ask<UploadCommitted>(new CommitUpload(file.PhotoId, file.Size, file.ContentType, file.FileName,
            file.Chunks, holders, [.. filling.Select(p => p.Key)], blob?.ReplicationFactor, blob?.DerivedFrom), AskTimeout, cancel);

        // Only after the manifest exists: a late push then reports to an entity that knows the photo.
        // A push that fails hands the fill to the target itself, which pulls from the holders.
        foreach (var (nodeId, push) in filling)
        {
            _ = push.ContinueWith(t =>
            {
                if (t.Result)
                    photos.Tell(new ReplicaCompleted(file.PhotoId, nodeId));
                else
                    AuditorOf(targets[nodeId]).Tell(new FillReplica(file.PhotoId, committed.Manifest));
            }, TaskScheduler.Default);
        }

        // Where a slow store's time went: the entity's plan, the pushes, or the commit (its reply
        // and the manifest's majority).
        _log.Info(
            "Photo {PhotoId}: {Size} bytes stored on {Holders}: plan {PlanMs} ms, push {PushMs} ms, commit {CommitMs} ms",
            file.PhotoId, file.Size, string.Join(",", holders), Math.Round(planned.TotalMilliseconds),
            Math.Round((pushed - planned).TotalMilliseconds), Math.Round((clock.Elapsed - pushed).TotalMilliseconds));
        return new StoredPhoto(file.PhotoId, file.FileName, file.Size, file.ContentType, false, committed.Manifest.Replicas);
    }

    /// <summary>
    /// Gives the copies of failed pushes (a full home declines, a home went away) to other homes:
    /// asks the entity for homes not tried yet and pushes to them. Short of the quorum, it asks
    /// again after a pause, since a home that has just started may not know every home yet. Returns
    /// the stored photo when the same bytes were stored meanwhile, else null.
    /// </summary>
    private async Task<StoredPhoto?> ReplaceFailedPushes(
        ReceivedFile file, UploadPlan plan, DerivedBlob? blob, LinkMatrixView links,
        Dictionary<string, ReplicaTarget> targets, Dictionary<string, Task<bool>> pushes, CancellationToken cancel)
    {
        for (var round = 0; round < ReplanPauses.Length; round++)
        {
            var failed = pushes.Values.Count(Failed);
            var wanted = plan.Targets.Count - (pushes.Count - failed);
            var quorumMet = Holders(pushes).Count >= plan.WriteQuorum;
            if (wanted <= 0 || (quorumMet && round > 0))
                return null;

            await Task.Delay(ReplanPauses[round], cancel);
            var again = await photos.Ask<IPhotoHubMessageReply>(
                new PlanUpload(file.PhotoId, file.Size, blob?.ReplicationFactor, [.. pushes.Keys]), AskTimeout, cancel);
            if (again is AlreadyStored stored)
                return Existing(stored.Manifest);

            // A node of the previous version ignores Avoid and may name tried nodes again.
            var replacements = ((UploadPlan)again).Targets
                .Where(t => !pushes.ContainsKey(t.NodeId)).Take(wanted).ToList();
            var named = replacements.Count == 0
                ? "no other home yet"
                : string.Join(",", replacements.Select(t => t.HomeId));
            _log.Warning("Photo {PhotoId}: {Failed} push(es) failed; replacing them with {Replacements}",
                file.PhotoId, failed, named);
            foreach (var target in replacements)
            {
                targets[target.NodeId] = target;
                pushes[target.NodeId] = StartPush(file, target, links);
            }

            if (!quorumMet)
                await WaitForQuorum(pushes, plan.WriteQuorum);
        }

        return null;
    }

    /// <summary>The answer for bytes the community holds already: the stored photo, as it was recorded.</summary>
    private static StoredPhoto Existing(PhotoManifest manifest) =>
        new(manifest.PhotoId, manifest.FileName, manifest.Size, manifest.ContentType, true, manifest.Replicas);

    private Task<bool> StartPush(ReceivedFile file, ReplicaTarget target, LinkMatrixView links) =>
        Task.Run(() => PushAll(file, target, Throughput(links, target.Address)), CancellationToken.None);

    private static bool Failed(Task<bool> push) => push.IsCompleted && !(push.IsCompletedSuccessfully && push.Result);

    private static List<string> Holders(Dictionary<string, Task<bool>> pushes) =>
        [.. pushes.Where(p => p.Value.IsCompletedSuccessfully && p.Value.Result).Select(p => p.Key)];

    /// <summary>Waits until <paramref name="quorum"/> pushes succeeded or every push has ended.</summary>
    private static async Task WaitForQuorum(Dictionary<string, Task<bool>> pushes, int quorum)
    {
        var pending = pushes.Values.ToList();
        var succeeded = 0;
        while (pending.Count > 0 && succeeded < quorum)
        {
            var done = await Task.WhenAny(pending);
            succeeded += done.Result ? 1 : 0;
            pending.Remove(done);
        }
    }

    private async Task<bool> PushAll(ReceivedFile file, ReplicaTarget target, double? throughput)
    {
        var address = Address.Parse(target.Address);
        var store = system.ActorSelection(new RootActorPath(address) / "user" / Chunks.ChunkStoreActor.Name);
        var transferId = Guid.NewGuid().ToString("N");
        var offsets = ChunkLayout.Offsets(file.Chunks);

        try
        {
            await using var source = new FileStream(file.TempPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            for (var i = 0; i < file.Chunks.Count; i++)
            {
                var chunk = file.Chunks[i];
                var start = offsets[i];
                var elapsed = await ChunkTransfer.PushAsync(store, transferId, chunk,
                    (offset, length) => ReadAt(source, start + offset, length), throughput, CancellationToken.None);
                linkProber.Tell(new RecordTransfer(address, chunk.Length, elapsed));
            }

            return true;
        }
        catch (Exception e) when (e is ChunkTransferException or IOException)
        {
            _log.Warning("Photo {PhotoId}: push to home {HomeId} failed: {Reason}", file.PhotoId, target.HomeId, e.Message);
            return false;
        }
    }

    private ActorSelection AuditorOf(ReplicaTarget target) =>
        system.ActorSelection(new RootActorPath(Address.Parse(target.Address)) / "user" / Repair.ReplicaAuditor.Name);

    private static byte[] ReadAt(FileStream source, long position, int length)
    {
        var buffer = new byte[length];
        lock (source)
        {
            source.Position = position;
            source.ReadExactly(buffer);
        }

        return buffer;
    }

    private static double? Throughput(LinkMatrixView links, string address) =>
        links.Rows[0].Links.FirstOrDefault(l => l.To == address)?.BytesPerSecond();
}

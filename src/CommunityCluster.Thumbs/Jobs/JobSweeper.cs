using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Thumbs.Records;

namespace CommunityCluster.Thumbs.Jobs;

/// <summary>
/// One per community (a singleton on the oldest thumbs node): every
/// <see cref="ThumbHubOptions.SweepInterval"/> it compares photos with thumbnail records and pokes
/// the job entity of every photo that needs it:
/// - a photo with no record, stored a while ago (its upload could not queue it: ThumbHub was down,
///   or the photo came before ThumbHub);
/// - a pending job whose worker is no longer an Up member, or that nobody updated for
///   <see cref="ThumbHubOptions.StalledAfter"/> (its entity died with its node, so nothing watches it);
/// - a failed job, now and then;
/// - the record of a deleted photo, which is forgotten.
/// Entities decide; the sweeper only wakes them, a bounded number per pass.
/// </summary>
public sealed class JobSweeper : ReceiveActor, IWithTimers
{
    public const string Name = "thumbs-sweeper";

    private const int MaxPokesPerPass = 200;
    private static readonly TimeSpan UploadGrace = TimeSpan.FromSeconds(10);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ThumbHubOptions _options;
    private readonly IActorRef _jobs;
    private readonly ManifestDirectory _manifests = new(Context.System);
    private readonly ThumbnailRecords _records = new(Context.System);
    private readonly Cluster _cluster = Cluster.Get(Context.System);

    public JobSweeper(ThumbHubOptions options, IActorRef jobs)
    {
        _options = options;
        _jobs = jobs;
        ReceiveAsync<SweepTick>(_ => Sweep());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ThumbHubOptions options, IActorRef jobs) =>
        Akka.Actor.Props.Create(() => new JobSweeper(options, jobs));

    protected override void PreStart() =>
        Timers.StartPeriodicTimer(SweepTick.Instance, SweepTick.Instance, _options.SweepInterval,
            _options.SweepInterval);

    private async Task Sweep()
    {
        var manifests = (await _manifests.AllAsync()).Where(m => m.IsPhoto).ToDictionary(m => m.PhotoId);
        var records = (await _records.AllAsync()).ToDictionary(r => r.PhotoId);
        var up = _cluster.State.Members.Where(m =>
            m.Status == MemberStatus.Up).Select(m => m.Address.ToString()).ToHashSet();
        var now = DateTimeOffset.UtcNow;
        var pokes = new List<IThumbJobCommand>();

        foreach (var manifest in manifests.Values.Where(m => !m.IsDeleted && now - m.StoredAt > UploadGrace
            && !records.ContainsKey(m.PhotoId)))
            pokes.Add(new QueueThumbnails(manifest.PhotoId, null, null));

        foreach (var record in records.Values)
        {
            // A photo not known here yet (gossip) is left alone; only a deletion is acted on.
            if (manifests.TryGetValue(record.PhotoId, out var manifest) && manifest.IsDeleted)
                pokes.Add(new ForgetThumbnails(record.PhotoId));
            else if (manifest is not null && NeedsAttention(record, up, now))
                pokes.Add(new ResumeJob(record.PhotoId));
        }

        foreach (var poke in pokes.Take(MaxPokesPerPass))
            _jobs.Tell(poke);

        if (pokes.Count > 0)
            _log.Info("Thumbnail sweep: {Count} jobs to look at ({Sent} sent this pass)", pokes.Count,
                Math.Min(pokes.Count, MaxPokesPerPass));
    }

    private bool NeedsAttention(ThumbnailRecord record, HashSet<string> up, DateTimeOffset now) => record.State switch
    {
        ThumbnailState.Pending =>
            record.Worker is null || !up.Contains(record.Worker) || now - record.UpdatedAt > _options.StalledAfter,
        ThumbnailState.Failed => now - record.UpdatedAt > _options.StalledAfter,
        _ => false,
    };

    private sealed class SweepTick
    {
        public static readonly SweepTick Instance = new();
    }
}

namespace CommunityCluster.Thumbs.Routing;

/// <summary>A link as the router needs it: round trip and throughput, either possibly unmeasured.</summary>
public sealed record LinkFigures(double? RoundTripMs, double? BytesPerSecond);

/// <summary>
/// A worker as the router sees it: where it is, whether it is reachable, whether it holds a
/// replica of the photo, its queue and its measured speed (from the status it publishes), the link
/// from each replica holder to it, its own uplink (the median of the links it measured to the
/// others): the renditions leave through it, to their replicas and to the asking node; and how
/// long storing them has taken it, once measured.
/// </summary>
public sealed record WorkerCandidate(
    string Address,
    bool Reachable,
    bool HoldsReplica,
    int QueueLength,
    double? MsPerJob,
    double? MsPerMegabyte,
    IReadOnlyList<LinkFigures> FromReplicas,
    LinkFigures? Uplink,
    double? MsPerStore = null);

/// <summary>A candidate's expected completion time and its parts, so a choice can be explained.</summary>
public sealed record RouteScore(string Address, double ExpectedMs, double TransferMs, double QueueMs, double RenderMs,
    double BackMs)
{
    public string Reason => double.IsPositiveInfinity(ExpectedMs)
        ? "unreachable"
        : $"move {TransferMs:0} ms + queue {QueueMs:0} ms + render {RenderMs:0} ms + back {BackMs:0} ms";
}

/// <summary>
/// Expected completion time of a thumbnail job on a worker (issue 12):
/// moving the original to it (zero where it holds a replica, else size over the throughput from
/// the best replica holder, plus one round trip), the jobs queued before it times its measured
/// render time per job (only rendering queues: a worker fetches and stores beside it), its own
/// render time for this photo, and the trip back: storing the renditions on other homes. That is
/// the worker's measured store time once it has one, else a round trip plus the renditions over
/// its uplink (a worker behind a 0.3 Mbit/s ADSL uplink pays seconds for them even when it holds
/// the original). The measured time wins because it also holds what the uplink alone does not:
/// the round trips to each rendition's entity and the write of its manifest. Pure arithmetic, no
/// Akka: the router feeds it what this node measured and what the workers published.
/// </summary>
public static class RouteScoring
{
    /// <summary>0.3 Mbit/s, the slowest uplink in the study: what an unmeasured link is assumed to carry.</summary>
    public const double AssumedBytesPerSecond = 0.3e6 / 8;

    /// <summary>Round trip assumed for an unmeasured link.</summary>
    public const double AssumedRoundTripMs = 200;

    /// <summary>A worker that has finished no job yet is assumed this slow per job, until it has.</summary>
    public const double AssumedMsPerJob = 1500;

    /// <summary>Bytes of both renditions that travel back, before any job has measured them.</summary>
    public const long AssumedResultBytes = 250_000;

    public static RouteScore Score(WorkerCandidate worker, long photoBytes, long resultBytes = AssumedResultBytes)
    {
        if (!worker.Reachable)
            return new RouteScore(worker.Address, double.PositiveInfinity, 0, 0, 0, 0);

        var transfer = worker.HoldsReplica ? 0 : BestTransferMs(worker.FromReplicas, photoBytes);
        var perJob = worker.MsPerJob ?? AssumedMsPerJob;
        var render = worker.MsPerMegabyte is { } perMb ? Math.Max(perMb * photoBytes / 1e6, perJob * 0.25) : perJob;
        var queue = worker.QueueLength * perJob;
        var back = worker.MsPerStore ?? TransferMs(worker.Uplink, resultBytes);
        return new RouteScore(worker.Address, transfer + queue + render + back, transfer, queue, render, back);
    }

    /// <summary>The candidates best first; ties go to the lower address so every node agrees.</summary>
    public static IReadOnlyList<RouteScore> Rank(IEnumerable<WorkerCandidate> workers, long photoBytes,
        long resultBytes = AssumedResultBytes) =>
        workers.Select(w => Score(w, photoBytes, resultBytes))
            .OrderBy(s => s.ExpectedMs)
            .ThenBy(s => s.Address, StringComparer.Ordinal)
            .ToList();

    private static double BestTransferMs(IReadOnlyList<LinkFigures> fromReplicas, long bytes) =>
        fromReplicas.Count == 0 ? TransferMs(null, bytes) : fromReplicas.Min(link => TransferMs(link, bytes));

    private static double TransferMs(LinkFigures? link, long bytes)
    {
        var roundTrip = link?.RoundTripMs ?? AssumedRoundTripMs;
        var rate = link?.BytesPerSecond is { } measured and > 0 ? measured : AssumedBytesPerSecond;
        return roundTrip + bytes / rate * 1000;
    }
}

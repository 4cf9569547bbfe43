using CommunityCluster.Commands;
using CommunityCluster.Commands.Protocol;
using CommunityCluster.Thumbs.Routing;

namespace CommunityCluster.Thumbs.Palettes;

/// <summary>What <c>thumbs queue --json</c> answers: the same as <c>GET /api/thumbnails/workers</c>.</summary>
public sealed record ThumbsQueueView(string Routing, IReadOnlyList<WorkerStatus> Workers);

/// <summary>
/// <c>thumbs queue</c>: every thumbs worker's queue and measured time per job, as the workers last
/// published them, which is what this node's router decides on.
/// </summary>
public sealed class ThumbsPalette(ThumbHubService thumbs)
    : Palette("thumbs", "thumbnail work: each worker's queue and time per job")
{
    protected override IEnumerable<PaletteCommand> Define() =>
    [
        new("queue", "jobs queued on each thumbs node and its measured time per job, as this node's router sees them",
            [], Queue),
    ];

    private async Task<CommandOutput> Queue(CommandContext context)
    {
        var workers = (await thumbs.WorkersAsync().WaitAsync(context.Cancellation))
            .OrderBy(w => w.HomeId, StringComparer.Ordinal)
            .ThenBy(w => w.Address, StringComparer.Ordinal)
            .ToList();
        var view = new ThumbsQueueView(thumbs.Router.Mode.ToString(), workers);

        var summary = Views.Fields(null,
            ("routing", thumbs.Router.Mode.Name()),
            ("workers", Views.Integer(workers.Count)),
            ("jobs queued", Views.Integer(workers.Sum(w => w.QueueLength))));
        if (workers.Count == 0)
            return new CommandResult(view, summary, ViewBlock.Text("no thumbs worker has published its queue yet"));

        var table = ViewBlock.Table(null,
            [
                Views.Column("HOME"), Views.Column("ADDRESS"), Views.Number("QUEUE"), Views.Number("DONE"),
                Views.Number("MS/JOB"), Views.Number("MS/MB"), Views.Number("MS/STORE"), Views.Column("PUBLISHED"),
            ],
            workers.Select(w => (IReadOnlyList<string>)
            [
                w.HomeId, w.Address, Views.Integer(w.QueueLength), Views.Integer(w.JobsDone), Measured(w.MsPerJob),
                Measured(w.MsPerMegabyte), Measured(w.MsPerStore), Views.Time(w.PublishedAt),
            ]).ToList());
        var note = ViewBlock.Text(
            "QUEUE is the jobs that will render on a worker before a new one (waiting, fetching, rendering; storing",
            "runs beside them); MS/JOB and MS/MB its measured render times, MS/STORE the time storing a job's",
            "renditions takes it; '-' until it has done a job. A worker publishes when a job arrives or ends.");
        return new CommandResult(view, summary, table, note);
    }

    private static string Measured(double? ms) => ms is { } value ? Views.Figure(value) : "-";
}

using CommunityCluster.Commands;
using CommunityCluster.Commands.Protocol;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Photos.Palettes;

/// <summary>
/// <c>storage status</c>: the figures of <c>GET /api/storage/status</c>, from the same
/// <see cref="StorageStatusReport"/>, as a summary and a table of the photos nodes.
/// </summary>
public sealed class StoragePalette(StorageStatusReport report)
    : Palette("storage", "the community's photo storage: copies, repairs and each photos node's use")
{
    protected override IEnumerable<PaletteCommand> Define() =>
    [
        new("status", "photos, chunks, bytes, what is under-replicated, repairs running, and each photos node's use",
            [], Status),
    ];

    private async Task<CommandOutput> Status(CommandContext context)
    {
        var status = await report.BuildAsync(context.Cancellation);
        var liveNodes = status.Nodes.Count(n => n.IsLive);

        var summary = Views.Fields(null,
            ("photos", Views.Integer(status.Photos)),
            ("chunks", Views.Integer(status.Chunks)),
            ("bytes", new ByteSize(status.Bytes).ToString()),
            ("under-replicated", $"{Views.Count(status.UnderReplicatedPhotos, "photo")}, "
                + $"{Views.Integer(status.UnderReplicatedChunks)} chunk replicas missing"),
            ("repairs running", $"{Views.Integer(status.RepairsRunning)} (replicas being filled)"),
            ("deleted, to clean up", Views.Integer(status.DeletedAwaitingCleanup)),
            ("rebalance", Rebalance(status.Rebalance)),
            ("copies wanted", Copies(status, liveNodes)));
        if (status.Nodes.Count == 0)
            return new CommandResult(status, summary, ViewBlock.Text("no photos node has published its profile yet"));

        var nodes = ViewBlock.Table(null,
            [
                Views.Column("HOME"), Views.Column("ADDRESS"), Views.Column("LIVE"), Views.Number("USED"),
                Views.Number("QUOTA"), Views.Number("FREE"), Views.Number("PHOTOS"), Views.Number("CHUNKS"),
            ],
            status.Nodes.Select(n => (IReadOnlyList<string>)
            [
                n.HomeId, n.Address, n.IsLive ? "yes" : "no", new ByteSize(n.UsedBytes).ToString(),
                new ByteSize(n.QuotaBytes).ToString(), new ByteSize(n.FreeSharedBytes).ToString(),
                Views.Integer(n.Photos), Views.Integer(n.Chunks),
            ]).ToList());
        var note = ViewBlock.Text(
            "USED, QUOTA and FREE are what each node last published (every 30 s); PHOTOS and CHUNKS count the",
            "replicas that the manifests place on it. Live: Up and reachable; only live copies count.");
        return new CommandResult(status, summary, nodes, note);
    }

    private static string Rebalance(RebalanceStatus rebalance) =>
        rebalance.Enabled
            ? $"{Views.Count(rebalance.WouldMove, "photo")} would move to homes that cover the week better, "
                + $"{Views.Integer(rebalance.Moving)} moving, {Views.Integer(rebalance.ExtraCopies)} with an extra copy "
                + $"to drop (budget {Views.Integer(rebalance.BytesPerSecond)} bytes/s)"
            : "off (random placement)";

    private static string Copies(StorageStatus status, int liveNodes) =>
        status.TargetCopies < status.ReplicationFactor
            ? $"{Views.Integer(status.TargetCopies)} per photo (replication factor "
                + $"{Views.Integer(status.ReplicationFactor)}, lowered while {Views.Count(liveNodes, "photos node is",
                    "photos nodes are")} live)"
            : $"{Views.Integer(status.TargetCopies)} per photo (the replication factor)";
}

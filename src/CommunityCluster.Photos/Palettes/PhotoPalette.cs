using CommunityCluster.Commands;
using CommunityCluster.Commands.Protocol;
using CommunityCluster.Core.Settings;
using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Photos.Read;

namespace CommunityCluster.Photos.Palettes;

/// <summary>
/// <c>photo locate &lt;id&gt;</c>: one photo's manifest, the homes that hold its chunks, and the
/// replica this node would read first and why, from the <see cref="PhotoLocator"/> that
/// <c>GET /api/photos/{id}</c> uses too.
/// </summary>
public sealed class PhotoPalette(ManifestDirectory manifests, PhotoLocator locator)
    : Palette("photo", "one photo: its chunks, the homes holding them, and how this node would read it")
{
    protected override IEnumerable<PaletteCommand> Define() =>
    [
        new("locate", "a photo's manifest, the homes holding its chunks, and the replica this node reads first and why",
            [Required("id", "the photo id: 64 hex digits, the SHA-256 of the file", 'i')], Locate),
    ];

    private async Task<CommandOutput> Locate(CommandContext context)
    {
        var manifest = await FindAsync(context.Required("id"), context.Cancellation);
        var location = await locator.LocateAsync(manifest, context.Cancellation);

        return new CommandResult(location,
        [
            Manifest(location),
            Chunks(location),
            Homes(location),
            .. ReadOrder(location),
        ]);
    }

    /// <summary>The live manifest, or a failure that says whether the id is malformed, unknown or deleted.</summary>
    private async Task<PhotoManifest> FindAsync(string text, CancellationToken cancel)
    {
        if (!ContentId.TryParse(text, out var id))
            throw new CommandException(ProblemCodes.Refused,
                $"'{(text.Length > 80 ? text[..80] + "..." : text)}' is not a photo id: photo ids are 64 hex digits");

        var manifest = await manifests.FindAsync(id.Hex).WaitAsync(cancel);
        if (manifest is null)
            throw new CommandException(ProblemCodes.NotFound,
                $"no photo has id {id.Hex} (in this node's copy of the manifests)");

        if (manifest.DeletedAt is { } deletedAt)
            throw new CommandException(ProblemCodes.NotFound,
                $"photo {id.Hex} was deleted at {Views.Time(deletedAt)}; its chunks are freed after the grace");

        return manifest;
    }

    private static ViewBlock Manifest(PhotoLocation location) => Views.Fields($"photo {location.Id}",
        ("file name", location.FileName),
        ("type", location.ContentType),
        ("size", $"{new ByteSize(location.Size)} ({Views.Integer(location.Size)} bytes)"),
        ("stored", Views.Time(location.StoredAt)),
        ("chunks", Views.Integer(location.Chunks.Count)),
        ("copies", $"{Views.Integer(location.LiveCopies)} live of {Views.Integer(location.TargetCopies)} wanted"
            + (location.Filling.Count > 0 ? $", {Views.Integer(location.Filling.Count)} being filled" : "")));

    /// <summary>
    /// A replica holds every chunk. A fill's progress chunk by chunk is not in the manifest, so a
    /// home being filled is named on every chunk as filling, not as holding it.
    /// </summary>
    private static ViewBlock Chunks(PhotoLocation location)
    {
        var held = location.Replicas.Count == 0 ? "none" : string.Join(", ", location.Replicas.Select(Home));
        var filling = location.Filling.Count == 0 ? "-" : string.Join(", ", location.Filling.Select(Home));

        return ViewBlock.Table(null,
            [
                Views.Number("#"), Views.Column("CHUNK"), Views.Number("BYTES"), Views.Number("OFFSET"),
                Views.Column("HELD BY"), Views.Column("FILLING"),
            ],
            location.Chunks.Select(c => (IReadOnlyList<string>)
            [
                Views.Integer(c.Index), c.Id, Views.Integer(c.Size), Views.Integer(c.Offset), held, filling,
            ]).ToList());
    }

    private static ViewBlock Homes(PhotoLocation location)
    {
        var rows = location.Replicas.Select(r => Row(r, $"all {Views.Count(location.Chunks.Count, "chunk")}"))
            .Concat(location.Filling.Select(f => Row(f, $"filling since {Views.Time(f.Since!.Value)}")))
            .ToList();

        return ViewBlock.Table(null,
            [Views.Column("HOME"), Views.Column("HOLDS"), Views.Column("STATE"), Views.Column("USUAL HOURS (UTC)"),
                Views.Column("ADDRESS"), Views.Column("NODE")],
            rows);
    }

    /// <summary>
    /// Each home's week in one line (hours on per day) beside its state, so that an operator sees
    /// at once whether a home that is not live is asleep as usual or missing.
    /// </summary>
    private static IReadOnlyList<string> Row(ReplicaPlace place, string holds) =>
        [
            place.HomeId, holds, UsualHours.Describe(place.Hours, place.Live, place.State),
            place.Hours?.Summary ?? "not published", place.Address.Length == 0 ? "-" : place.Address, place.NodeId,
        ];

    private static IEnumerable<ViewBlock> ReadOrder(PhotoLocation location)
    {
        if (location.ReadOrder.Count == 0)
        {
            yield return ViewBlock.Text(
                "no live replica: a read from this node fails now, until a home holding the photo is back");
            yield break;
        }

        yield return ViewBlock.Table("read order from this node, best first:",
            [Views.Number("#"), Views.Column("HOME"), Views.Number("EXPECTED MS"), Views.Column("WHY"),
                Views.Column("ADDRESS")],
            location.ReadOrder.Select((r, i) => (IReadOnlyList<string>)
                [Views.Integer(i + 1), r.HomeId, Views.Figure(r.ExpectedMs), r.Reason, r.Address]).ToList());

        var first = location.ReadOrder[0];
        yield return ViewBlock.Text(
            $"first choice: {first.HomeId} ({first.Reason}), the lowest expected time to fetch a chunk from here;",
            "a chunk that fails there is fetched from the next replica.");
    }

    private static string Home(ReplicaPlace place) => place.Live ? place.HomeId : $"{place.HomeId} ({place.State})";
}

using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Manifests;

namespace CommunityCluster.Node.Web;

/// <summary>
/// <c>POST /api/photos/known</c> with <c>{ "ids": [...] }</c>: which of these photo ids the
/// community already holds (a manifest that is not deleted), so an importer hashes first and sends
/// only what is missing. Ids this node has not heard of are asked of a majority, as reads are, so
/// a photo stored through another node a moment ago counts. A deleted photo is not known: sending
/// it again brings it back.
/// </summary>
public static class KnownPhotosEndpoint
{
    public const int MaxIds = 1000;

    public static async Task<IResult> KnownAsync(HttpContext context, ManifestDirectory manifests)
    {
        var (body, problem) = await ResumableUploadEndpoints.ReadJsonAsync<KnownPhotosBody>(context);
        if (problem is not null)
            return problem;
        if (body!.Ids is not { } ids || ids.Count > MaxIds)
            return Problems.Of(StatusCodes.Status400BadRequest, "bad ids",
                $"send {{ \"ids\": [...] }} with at most {MaxIds} photo ids");

        var parsed = new List<string>(ids.Count);
        foreach (var id in ids)
        {
            if (!ContentId.TryParse(id, out var photoId))
                return Problems.BadId(id ?? "");
            parsed.Add(photoId.Hex);
        }

        var lookups = parsed.Distinct()
            .Select(async id => (id, manifest: await manifests.FindAsync(id, waitForGossip: false)));
        var known = (await Task.WhenAll(lookups))
            .Where(l => l.manifest is { IsDeleted: false })
            .Select(l => l.id)
            .ToList();
        return Results.Ok(new { known });
    }
}

/// <summary>The body of <c>POST /api/photos/known</c>.</summary>
public sealed record KnownPhotosBody(IReadOnlyList<string?>? Ids);

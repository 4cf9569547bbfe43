using System.Text.Json;

namespace CommunityCluster.Thumbs.Rendering;

/// <summary>One render asked of the render process: the source file, where to write, and the fences.</summary>
public sealed record RenderRequest(string Source, string OutputFolder, long MaxPixels, int TimeoutMs);

/// <summary>A rendition written by the render process.</summary>
public sealed record RenditionFile(string Path, string ContentType, int Width, int Height);

/// <summary>The render process's answer: <c>rendered</c> with both files, or <c>no-preview</c> with the reason
/// code.</summary>
public sealed record RenderResponse(string State, string? Reason, string? Detail, RenditionFile? Small,
    RenditionFile? Large, IReadOnlyList<string>? Notes);

/// <summary>
/// The loop of the render process (<c>CommunityCluster.Node render-worker</c>): one JSON request
/// per line on stdin, one JSON answer per line on stdout, the renditions as files. libvips lives
/// only in this process, never in the node: a decoder that crashes or runs away on a crafted file
/// takes this process down, and the node starts another (<see cref="RenderProcess"/>). It also
/// keeps libvips's modules (loaded into the process's global symbol scope) away from the node's
/// own native libraries, the bundled SQLite among them.
/// </summary>
public static class RenderServer
{
    public const string Command = "render-worker";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static int Run(TextReader input, TextWriter output)
    {
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            if (line.Length == 0)
                continue;

            output.WriteLine(JsonSerializer.Serialize(Handle(line), Json));
            output.Flush();
        }

        return 0;
    }

    private static RenderResponse Handle(string line)
    {
        RenderRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<RenderRequest>(line, Json);
        }
        catch (JsonException e)
        {
            return new RenderResponse("error", null, e.Message, null, null, null);
        }

        if (request is null)
            return new RenderResponse("error", null, "empty request", null, null, null);

        var limits = RenderLimits.Default with
        {
            MaxPixels = request.MaxPixels,
            Timeout = TimeSpan.FromMilliseconds(request.TimeoutMs)
        };
        return ThumbnailRenderer.Render(request.Source, limits) switch
        {
            RenderOutcome.Rendered r => new RenderResponse("rendered", null, null, Write(request, r.Small),
                Write(request, r.Large), r.Notes),
            RenderOutcome.NoPreview none => new RenderResponse("no-preview", none.Reason.Code(), none.Detail, null,
                null, null),
            _ => new RenderResponse("error", null, "unknown outcome", null, null, null),
        };
    }

    private static RenditionFile Write(RenderRequest request, RenderedThumbnail rendition)
    {
        Directory.CreateDirectory(request.OutputFolder);
        var path = Path.Combine(request.OutputFolder, $"{Path.GetFileName(request.Source)}.{rendition.Kind.Name()}");
        File.WriteAllBytes(path, rendition.Bytes);
        return new RenditionFile(path, rendition.ContentType, rendition.Width, rendition.Height);
    }
}

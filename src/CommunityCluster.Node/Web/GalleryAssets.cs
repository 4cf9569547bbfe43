using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;

namespace CommunityCluster.Node.Web;

/// <summary>One file of the gallery, held in memory with its validator.</summary>
/// <param name="Hash">The first 10 hex digits of the content's SHA-256: the fingerprint in asset names and
/// the ETag.</param>
public sealed record GalleryAsset(string Name, byte[] Content, string ContentType, string Hash)
{
    public string ETag => $"\"{Hash}\"";

    public string FingerprintedName =>
        Path.GetFileNameWithoutExtension(Name) + "." + Hash + Path.GetExtension(Name);
}

/// <summary>
/// The gallery's static files, embedded in the node's assembly (so every way of running the node,
/// `dotnet run`, the build output, a publish and the container image, carries them) and read once at
/// start: about 60 KB. Assets get a fingerprint (a hash of their bytes) and the pages are rewritten to
/// name them by it, so browsers can keep an asset for a year and still see a new node version at once;
/// the pages themselves are revalidated. No build step: the fingerprinting happens here.
/// </summary>
public sealed partial class GalleryAssets
{
    private const string ResourcePrefix = "gallery/";

    private readonly Dictionary<string, GalleryAsset> _byName;

    public GalleryAssets(Assembly assembly)
    {
        var types = new FileExtensionContentTypeProvider();
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..], n => Read(assembly, n), StringComparer.Ordinal);

        var assets = files.Where(f => !IsPage(f.Key))
            .Select(f => Make(f.Key, f.Value, types)).ToDictionary(a => a.Name, StringComparer.Ordinal);
        var pages = files.Where(f => IsPage(f.Key))
            .Select(f => Make(f.Key, Fingerprint(f.Value, assets), types));
        _byName = assets.Values.Concat(pages).ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<GalleryAsset> All => _byName.Values;

    public GalleryAsset? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>An asset by its fingerprinted name; <paramref name="current"/> is false when the fingerprint is
    /// another version's (a page cached before this node was upgraded), which is then served uncached.</summary>
    public GalleryAsset? FindFingerprinted(string fileName, out bool current)
    {
        current = false;
        var match = FingerprintedPattern().Match(fileName);
        if (!match.Success || Find(match.Groups["stem"].Value + match.Groups["ext"].Value) is not { } asset)
            return null;

        current = match.Groups["hash"].Value == asset.Hash;
        return asset;
    }

    public static bool IsPage(string name) => name.EndsWith(".html", StringComparison.Ordinal);

    private static GalleryAsset Make(string name, byte[] content, FileExtensionContentTypeProvider types)
    {
        var type = types.TryGetContentType(name, out var known) ? known : "application/octet-stream";
        if (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal))
            type += "; charset=utf-8";
        return new GalleryAsset(name, content, type, Convert.ToHexStringLower(SHA256.HashData(content))[..10]);
    }

    /// <summary>Rewrites <c>/assets/x.css</c> in a page to <c>/assets/x.{hash}.css</c> for every known asset.</summary>
    private static byte[] Fingerprint(byte[] page, Dictionary<string, GalleryAsset> assets)
    {
        var text = AssetReferencePattern().Replace(Encoding.UTF8.GetString(page), m =>
            assets.TryGetValue(m.Groups["name"].Value, out var asset) ? "/assets/" + asset.FingerprintedName : m.Value);
        return Encoding.UTF8.GetBytes(text);
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [GeneratedRegex(@"/assets/(?<name>[A-Za-z0-9_-]+\.[a-z]+)(?=[""'])")]
    private static partial Regex AssetReferencePattern();

    [GeneratedRegex(@"^(?<stem>[A-Za-z0-9_-]+)\.(?<hash>[0-9a-f]{10})(?<ext>\.[a-z]+)$")]
    private static partial Regex FingerprintedPattern();
}

namespace CommunityCluster.Node.Web;

/// <summary>
/// The gallery pages and their assets, served by every node from memory (see <see cref="GalleryAssets"/>).
/// Caching: a page is kept 30 s and then revalidated by its ETag, so a node upgrade shows within
/// half a minute; an asset named by its current fingerprint is immutable for a year; an asset by its
/// plain name is kept 60 s and revalidated. Open to anyone: pages and scripts hold no photo and no member's
/// data; everything they show comes from routes that need a member or a share link.
/// </summary>
public static class GalleryEndpoints
{
    public const string PageCaching = "public, max-age=30";
    public const string ImmutableCaching = "public, max-age=31536000, immutable";
    public const string PlainAssetCaching = "public, max-age=60";

    /// <summary>The pages load nothing from anywhere but this node: no CDN, no font service, no frame.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; "
        + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    private static readonly string[] Read = ["GET", "HEAD"];

    public static IEndpointRouteBuilder MapGalleryEndpoints(this IEndpointRouteBuilder routes)
    {
        var assets = new GalleryAssets(typeof(GalleryEndpoints).Assembly);
        routes.MapMethods("/", Read, (HttpContext context) => Page(context, assets)).ExcludeFromDescription().AllowAnonymous();
        routes.MapMethods("/index.html", Read, (HttpContext context) => Page(context, assets)).ExcludeFromDescription().AllowAnonymous();
        routes.MapMethods("/assets/{file}", Read, (string file, HttpContext context) => Asset(file, context, assets))
            .ExcludeFromDescription().AllowAnonymous();
        return routes;
    }

    private static IResult Page(HttpContext context, GalleryAssets assets)
    {
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers["Referrer-Policy"] = "same-origin";
        return Serve(context, assets.Find("index.html")!, PageCaching);
    }

    private static IResult Asset(string file, HttpContext context, GalleryAssets assets)
    {
        if (assets.FindFingerprinted(file, out var current) is { } versioned)
            return Serve(context, versioned, current ? ImmutableCaching : "no-cache");

        return assets.Find(file) is { } plain && !GalleryAssets.IsPage(file)
            ? Serve(context, plain, PlainAssetCaching)
            : Problems.Of(StatusCodes.Status404NotFound, "no such asset", $"the gallery has no asset '{Clip(file)}'");
    }

    private static IResult Serve(HttpContext context, GalleryAsset asset, string caching)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = caching;
        headers.ETag = asset.ETag;
        headers.XContentTypeOptions = "nosniff";
        var ifNoneMatch = context.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Any(v => v is not null && v.Contains(asset.ETag, StringComparison.Ordinal)))
            return Results.StatusCode(StatusCodes.Status304NotModified);

        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static string Clip(string text) => text.Length > 80 ? text[..80] + "..." : text;
}

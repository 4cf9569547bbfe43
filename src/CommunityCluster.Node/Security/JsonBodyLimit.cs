using Microsoft.AspNetCore.Http.Features;

namespace CommunityCluster.Node.Security;

/// <summary>
/// A JSON body may hold at most <see cref="MaxBytes"/>: the largest the API takes is 1,000 photo ids
/// (about 70 KB, <c>POST /api/photos/known</c>). Kestrel's own cap is 30 MB, which would let anyone,
/// signed in or not (signing in reads a body), make a node parse megabytes of JSON. Beyond the cap
/// the answer is 413 before the body is read. Photo uploads are multipart or raw bytes, with limits
/// of their own.
/// </summary>
public static class JsonBodyLimit
{
    public const long MaxBytes = 256 * 1024;

    public static WebApplication UseJsonBodyLimit(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var json = context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false;
            if (json && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = MaxBytes;
            return next(context);
        });
        return app;
    }
}

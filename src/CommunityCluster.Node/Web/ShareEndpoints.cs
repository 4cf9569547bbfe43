using CommunityCluster.Core.Storage;
using CommunityCluster.Members;
using CommunityCluster.Meta.Service;
using CommunityCluster.Node.Security;
using CommunityCluster.Photos.Manifests;
using CommunityCluster.Photos.Read;
using CommunityCluster.Thumbs;
using Microsoft.AspNetCore.DataProtection;

namespace CommunityCluster.Node.Web;

/// <summary>
/// Share links: one photo or one album shown to someone outside the community. A member makes one
/// with <c>POST /api/shares</c> (optional expiry and password), lists theirs with <c>GET
/// /api/shares</c> (an admin sees all) and revokes one with <c>DELETE /api/shares/{id}</c> (its maker
/// or an admin). The visitor's routes, open to anyone holding the token, are under
/// <c>/api/shared/{token}</c>: what it shares (titles, dates, sizes; no place, camera, uploader or
/// other album), and the thumbnails and originals of exactly those photos. An expired, revoked or
/// unknown link is 404, like any photo it does not cover. A password-protected link first needs
/// <c>POST /api/shared/{token}/unlock</c>, which sets a cookie for that link (rate-limited like sign-in).
/// </summary>
public static class ShareEndpoints
{
    public const string UnlockCookie = "cc-share";
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    public static IEndpointRouteBuilder MapShareEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/shares", Create);
        routes.MapGet("/api/shares", List);
        routes.MapDelete("/api/shares/{id}", Revoke);

        var shared = routes.MapGroup("/api/shared/{token}").AllowAnonymous();
        shared.MapGet("/", Show);
        shared.MapPost("/unlock", Unlock).RequireRateLimiting(SignInLimits.PolicyName);
        shared.MapGet("/photos/{id}/thumbnail", async (string token, string id, string? size, HttpContext context,
            IServiceProvider services) => await CoveredAsync(token, id, context, services) is { } refused
                ? refused
                : await ThumbnailEndpoints.Thumbnail(id, size, context, services.GetRequiredService<ThumbHubService>(),
                    services.GetRequiredService<ManifestDirectory>(), services.GetRequiredService<PhotoReader>()));
        shared.MapGet("/photos/{id}/original", async (string token, string id, HttpContext context,
            IServiceProvider services) => await CoveredAsync(token, id, context, services) is { } refused
                ? refused
                : await PhotoEndpoints.Original(id, context, services.GetRequiredService<ManifestDirectory>(),
                    services.GetRequiredService<PhotoReader>()));
        return routes;
    }

    private static async Task<IResult> Create(ShareBody body, HttpContext context, MemberDirectory members,
        CatalogDirectory catalog, CancellationToken cancel)
    {
        var now = DateTimeOffset.UtcNow;
        if (body.ExpiresAt is { } expiry && (expiry <= now || expiry > now + MaxLifetime))
            return Problems.Of(StatusCodes.Status400BadRequest, "bad expiry", "an expiry lies in the coming year");
        if (body.Password is not null && !Passwords.IsAcceptable(body.Password))
            return Problems.Of(StatusCodes.Status400BadRequest, "bad password",
                $"a share password has {Passwords.MinLength} to {Passwords.MaxLength} characters");

        var exists = body.Kind switch
        {
            ShareLink.PhotoKind when ContentId.TryParse(body.Id ?? "", out var photo) =>
                await catalog.AskAsync(new GetPhoto(photo.Hex), cancel) is PhotoFound,
            ShareLink.AlbumKind when AlbumEndpoints.IsAlbumId(body.Id) =>
                await catalog.AskAsync(new GetAlbum(body.Id!), cancel) is AlbumFound,
            _ => false,
        };
        if (!exists)
            return Problems.Of(StatusCodes.Status404NotFound, "nothing to share",
                "give kind 'photo' or 'album' and the id of one the catalog holds");

        var token = Secrets.NewToken();
        var link = new ShareLink(Secrets.Hash(token), body.Kind!, body.Id!.ToLowerInvariant(), context.User.MemberName()!,
            now, body.ExpiresAt, body.Password is null ? null : Passwords.Hash(body.Password), null);
        await members.UpdateAsync(MemberKeys.Shares, link.TokenHash, _ => link);
        return Results.Created($"/api/shares/{link.Id}", new
        {
            id = link.Id,
            token,
            link = $"/#/shared/{token}",
            kind = link.Kind,
            target = link.Target,
            expiresAt = link.ExpiresAt,
            hasPassword = link.PasswordHash is not null,
        });
    }

    private static async Task<IResult> List(HttpContext context, MemberDirectory members)
    {
        var shares = (await members.AllAsync(MemberKeys.Shares)).Values
            .Where(s => context.User.MayDelete(s.CreatedBy))
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => new
            {
                id = s.Id,
                kind = s.Kind,
                target = s.Target,
                createdBy = s.CreatedBy,
                createdAt = s.CreatedAt,
                expiresAt = s.ExpiresAt,
                hasPassword = s.PasswordHash is not null,
                revoked = s.RevokedAt is not null,
            });
        return Results.Ok(new { shares });
    }

    private static async Task<IResult> Revoke(string id, HttpContext context, MemberDirectory members)
    {
        var link = (await members.AllAsync(MemberKeys.Shares)).Values.FirstOrDefault(s => s.Id == id);
        if (link is null || !context.User.MayDelete(link.CreatedBy))
            return Problems.Of(StatusCodes.Status404NotFound, "no such share link", "you made no share link with this id");

        await members.UpdateAsync(MemberKeys.Shares, link.TokenHash, s => s! with { RevokedAt = s.RevokedAt ?? DateTimeOffset.UtcNow });
        return Results.NoContent();
    }

    private static async Task<IResult> Show(string token, HttpContext context, IServiceProvider services,
        CancellationToken cancel)
    {
        var (link, refused) = await OpenAsync(token, context, services);
        if (link is null)
            return refused!;

        var catalog = services.GetRequiredService<CatalogDirectory>();
        if (link.Kind == ShareLink.PhotoKind)
            return await catalog.AskAsync(new GetPhoto(link.Target), cancel) is PhotoFound found
                ? Results.Ok(new { kind = link.Kind, expiresAt = link.ExpiresAt, photos = new[] { Shown(found.Photo) } })
                : Gone();

        if (await catalog.AskAsync(new GetAlbum(link.Target), cancel) is not AlbumFound album)
            return Gone();

        var cursor = context.Request.Query["cursor"].ToString();
        var page = await catalog.AskAsync<PhotoPage>(new ListPhotos(new PhotoQuery(CatalogEndpoints.MaxLimit,
            cursor.Length > 0 ? cursor : null, link.Target)), cancel);
        return Results.Ok(new
        {
            kind = link.Kind,
            expiresAt = link.ExpiresAt,
            album = album.Album.Name,
            photos = page.Items.Select(Shown),
            nextCursor = page.NextCursor,
        });
    }

    private static async Task<IResult> Unlock(string token, UnlockBody body, HttpContext context, MemberDirectory members,
        IDataProtectionProvider protection)
    {
        var link = Secrets.IsWellFormed(token) ? await members.GetAsync(MemberKeys.Shares, Secrets.Hash(token)) : null;
        if (link is null || !link.IsLive(DateTimeOffset.UtcNow))
            return Gone();
        if (link.PasswordHash is null || !Passwords.Verify(link.PasswordHash, body.Password ?? ""))
            return Problems.Of(StatusCodes.Status401Unauthorized, "wrong password", "this share link's password is another");

        context.Response.Cookies.Append(UnlockCookie + link.Id, Protector(protection).Protect(link.TokenHash),
            new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = $"/api/shared/{token}",
                Expires = link.ExpiresAt,
            });
        return Results.NoContent();
    }

    /// <summary>Null when the link is live (and unlocked) and covers photo <paramref name="id"/>; else the refusal.</summary>
    private static async Task<IResult?> CoveredAsync(string token, string id, HttpContext context, IServiceProvider services)
    {
        var (link, refused) = await OpenAsync(token, context, services);
        if (link is null)
            return refused;
        if (!ContentId.TryParse(id, out var photo))
            return Problems.BadId(id);

        if (link.Kind == ShareLink.PhotoKind)
            return photo.Hex == link.Target ? null : Problems.NotFound(photo.Hex);

        var found = await services.GetRequiredService<CatalogDirectory>().AskAsync(new GetPhoto(photo.Hex),
            context.RequestAborted);
        return found is PhotoFound { Photo: var view } && view.Albums.Any(a => a.Id == link.Target)
            ? null
            : Problems.NotFound(photo.Hex);
    }

    private static async Task<(ShareLink? Link, IResult? Refused)> OpenAsync(string token, HttpContext context,
        IServiceProvider services)
    {
        var members = services.GetRequiredService<MemberDirectory>();
        var link = Secrets.IsWellFormed(token) ? await members.GetAsync(MemberKeys.Shares, Secrets.Hash(token)) : null;
        if (link is null || !link.IsLive(DateTimeOffset.UtcNow))
            return (null, Gone());
        if (link.PasswordHash is null)
            return (link, null);

        var cookie = context.Request.Cookies[UnlockCookie + link.Id];
        var protector = Protector(services.GetRequiredService<IDataProtectionProvider>());
        string? unlocked = null;
        try
        {
            unlocked = cookie is null ? null : protector.Unprotect(cookie);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // A cookie from another node, or forged: the visitor unlocks again.
        }

        return unlocked == link.TokenHash
            ? (link, null)
            : (null, Problems.Of(StatusCodes.Status401Unauthorized, "password needed",
                "this share link has a password: POST it to /api/shared/{token}/unlock first"));
    }

    private static object Shown(PhotoView p) => new
    {
        id = p.Id,
        fileName = p.FileName,
        contentType = p.ContentType,
        width = p.Width,
        height = p.Height,
        takenAt = p.TakenAt.Local,
        title = p.Title,
        description = p.Description,
    };

    private static object Shown(PhotoSummary p) => new
    {
        id = p.Id,
        fileName = p.FileName,
        contentType = p.ContentType,
        width = p.Width,
        height = p.Height,
        takenAt = p.TakenAt.Local,
        title = p.Title,
    };

    private static IDataProtector Protector(IDataProtectionProvider provider) => provider.CreateProtector("share-unlock");

    private static IResult Gone() =>
        Problems.Of(StatusCodes.Status404NotFound, "no such share link", "this link is unknown, expired or revoked");
}

/// <summary>The body of <c>POST /api/shares</c>: kind "photo" or "album", its id, optional expiry and password.</summary>
public sealed record ShareBody(string? Kind, string? Id, DateTimeOffset? ExpiresAt, string? Password);

/// <summary>The body of <c>POST /api/shared/{token}/unlock</c>.</summary>
public sealed record UnlockBody(string? Password);

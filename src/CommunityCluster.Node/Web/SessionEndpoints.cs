using System.Security.Claims;
using System.Text.RegularExpressions;
using CommunityCluster.Members;
using CommunityCluster.Node.Security;
using Microsoft.AspNetCore.Authentication;

namespace CommunityCluster.Node.Web;

/// <summary>
/// Signing in and out. Browsers: <c>POST /api/session</c> sets the session cookie and returns the
/// anti-forgery token, <c>GET /api/session</c> says who is signed in (and the token again), <c>DELETE
/// /api/session</c> signs out. Scripts: <c>POST /api/tokens</c> with the same name and password gives an
/// API token to send as <c>Authorization: Bearer</c>; <c>DELETE /api/tokens/{id}</c> revokes one.
/// Both password routes are rate-limited (<see cref="SignInLimits"/>); a wrong name and a wrong
/// password get the same answer, and neither the password nor its hash is ever returned or logged.
/// </summary>
public static partial class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/session", SignIn).AllowAnonymous().RequireRateLimiting(SignInLimits.PolicyName);
        routes.MapGet("/api/session", (HttpContext context) => Results.Ok(Describe(context.User)));
        routes.MapDelete("/api/session", async (HttpContext context) =>
        {
            await context.SignOutAsync(MemberClaims.CookieScheme);
            return Results.NoContent();
        });
        routes.MapPost("/api/tokens", CreateToken).AllowAnonymous().RequireRateLimiting(SignInLimits.PolicyName);
        routes.MapDelete("/api/tokens/{id}", RevokeToken);
        return routes;
    }

    public static bool IsAccountName(string? name) => name is not null && AccountNamePattern().IsMatch(name);

    private static async Task<IResult> SignIn(Credentials body, HttpContext context, MemberDirectory members,
        SignInLimits limits, ILogger<Credentials> log)
    {
        if (await CheckAsync(body, context, members, limits, log) is not { } account)
            return Refused(context);

        var antiforgery = Secrets.NewToken();
        var principal = MemberClaims.Principal(account, MemberClaims.CookieScheme,
            new Claim(MemberClaims.AntiforgeryClaim, antiforgery));
        await context.SignInAsync(MemberClaims.CookieScheme, principal, new AuthenticationProperties { IsPersistent = true });
        return Results.Ok(Describe(principal));
    }

    private static async Task<IResult> CreateToken(Credentials body, HttpContext context, MemberDirectory members,
        SignInLimits limits, ILogger<Credentials> log)
    {
        if (await CheckAsync(body, context, members, limits, log) is not { } account)
            return Refused(context);

        var token = Secrets.NewToken();
        var label = body.Label?.Trim() is { Length: > 0 and <= 64 } given && !given.Any(char.IsControl) ? given : "api";
        var record = new ApiToken(Secrets.Hash(token), account.Name, label, DateTimeOffset.UtcNow, null);
        await members.UpdateAsync(MemberKeys.Tokens, record.TokenHash, _ => record);
        log.LogInformation("API token {TokenId} ({Label}) made for {Account}", record.Id, label, account.Name);
        return Results.Created($"/api/tokens/{record.Id}", new { id = record.Id, token, account = account.Name, label });
    }

    private static async Task<IResult> RevokeToken(string id, HttpContext context, MemberDirectory members)
    {
        var tokens = await members.AllAsync(MemberKeys.Tokens);
        var found = tokens.Values.FirstOrDefault(t => t.Id == id && t.RevokedAt is null);
        if (found is null || !context.User.MayDelete(found.Account))
            return Problems.Of(StatusCodes.Status404NotFound, "no such token", "you have no live API token with this id");

        await members.UpdateAsync(MemberKeys.Tokens, found.TokenHash, t => t! with { RevokedAt = DateTimeOffset.UtcNow });
        return Results.NoContent();
    }

    /// <summary>The account when the name and password match; null (after the same work) when not.</summary>
    private static async Task<Account?> CheckAsync(Credentials body, HttpContext context, MemberDirectory members,
        SignInLimits limits, ILogger log)
    {
        var name = IsAccountName(body.Name) ? body.Name! : "";
        if (limits.TryAccount(context, name) is { } tooMany)
        {
            context.Items[nameof(SignInLimits)] = tooMany;
            return null;
        }

        var account = name.Length > 0 ? await members.GetAsync(MemberKeys.Accounts, name) : null;
        var matches = Passwords.Verify(account?.PasswordHash, body.Password ?? "");
        if (matches)
            return account;

        log.LogInformation("Sign-in refused for {Account} from {Address}", name.Length > 0 ? name : "(malformed name)",
            context.Connection.RemoteIpAddress);
        return null;
    }

    private static IResult Refused(HttpContext context) =>
        context.Items[nameof(SignInLimits)] as IResult
        ?? Problems.Of(StatusCodes.Status401Unauthorized, "sign-in refused", "unknown name or wrong password");

    private static object Describe(ClaimsPrincipal user) => new
    {
        name = user.MemberName(),
        role = user.IsAdmin() ? Roles.Admin : Roles.Member,
        antiforgeryToken = user.FindFirst(MemberClaims.AntiforgeryClaim)?.Value,
        antiforgeryHeader = SessionAntiforgery.HeaderName,
    };

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex AccountNamePattern();
}

/// <summary>The body of <c>POST /api/session</c> and <c>POST /api/tokens</c> (which also takes a label).</summary>
public sealed record Credentials(string? Name, string? Password, string? Label = null);

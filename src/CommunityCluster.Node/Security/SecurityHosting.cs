using System.Threading.RateLimiting;
using CommunityCluster.Members;
using CommunityCluster.Node.Startup;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;

namespace CommunityCluster.Node.Security;

/// <summary>
/// Who may do what over HTTP (README, "Security"): every route needs a member, by session cookie or
/// API token, unless it says otherwise (health, the gallery's static files, signing in, accepting an
/// invitation, a share link). Sessions are ASP.NET Core cookies encrypted with this node's data
/// protection keys, kept in its data folder so that a restart does not sign everyone out.
/// </summary>
public static class SecurityHosting
{
    public const string CookieName = "cc-session";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(14);

    public static IServiceCollection AddNodeSecurity(this IServiceCollection services, ResolvedNodeSettings resolved)
    {
        services.AddMembers();
        services.AddDataProtection()
            .SetApplicationName("CommunityCluster.Node")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(resolved.Settings.DataDirectory, "keys")));

        services.AddAuthentication(MemberClaims.MemberScheme)
            .AddPolicyScheme(MemberClaims.MemberScheme, "cookie or API token", policy =>
                policy.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? MemberClaims.BearerScheme
                        : MemberClaims.CookieScheme)
            .AddCookie(MemberClaims.CookieScheme, Session)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(MemberClaims.BearerScheme, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(MemberClaims.MemberScheme).RequireAuthenticatedUser().Build());

        services.AddSingleton<SignInLimits>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignInLimits.PolicyName, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => SignInLimits.Options(SignInLimits.PerAddress)));
            limiter.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : SignInLimits.Window;
                return new ValueTask(SignInLimits.TooMany(rejected.HttpContext, retryAfter, "this address")
                    .ExecuteAsync(rejected.HttpContext));
            };
        });
        services.AddHostedService<FirstAdmin>();
        return services;
    }

    /// <summary>After the problem-details middleware, before the endpoints.</summary>
    public static WebApplication UseNodeSecurity(this WebApplication app)
    {
        app.UseJsonBodyLimit();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseSessionAntiforgery();
        return app;
    }

    private static void Session(CookieAuthenticationOptions cookie)
    {
        cookie.Cookie.Name = CookieName;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = SessionLifetime;
        cookie.SlidingExpiration = true;

        // An API answers 401 and 403 (as problem details), it does not redirect to a sign-in page.
        cookie.Events.OnRedirectToLogin = context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
        cookie.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };

        // A removed account, or one whose role changed, loses its sessions at the next request.
        cookie.Events.OnValidatePrincipal = async context =>
        {
            var name = context.Principal?.MemberName();
            var members = context.HttpContext.RequestServices.GetRequiredService<MemberDirectory>();
            var account = name is null ? null : await members.GetAsync(MemberKeys.Accounts, name);
            if (account is null || !context.Principal!.IsInRole(account.Role))
                context.RejectPrincipal();
        };
    }
}

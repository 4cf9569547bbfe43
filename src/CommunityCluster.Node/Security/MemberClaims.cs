using System.Security.Claims;
using CommunityCluster.Members;

namespace CommunityCluster.Node.Security;

/// <summary>Who a request acts for, as the session cookie or the API token says.</summary>
public static class MemberClaims
{
    public const string CookieScheme = "session";
    public const string BearerScheme = "bearer";
    public const string MemberScheme = "member";

    /// <summary>The session's anti-forgery token, kept inside the (encrypted) session cookie.</summary>
    public const string AntiforgeryClaim = "cc:antiforgery";

    public static ClaimsPrincipal Principal(Account account, string scheme, params Claim[] extra) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, account.Name), new Claim(ClaimTypes.Role, account.Role), .. extra], scheme));

    public static string? MemberName(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true } identity ? identity.Name : null;

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    /// <summary>An admin, or the member named <paramref name="owner"/> (who uploaded the photo or made the album).</summary>
    public static bool MayDelete(this ClaimsPrincipal user, string? owner) =>
        user.IsAdmin() || (owner is not null && user.MemberName() == owner);
}

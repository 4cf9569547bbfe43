using System.Text.Encodings.Web;
using CommunityCluster.Members;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CommunityCluster.Node.Security;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c>: an API token made by <c>POST /api/tokens</c>, looked up
/// by its hash in the local replica. A browser never sends this header on its own, so requests
/// authenticated this way need no anti-forgery token.
/// </summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, MemberDirectory members) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();

        var token = header[Prefix.Length..].Trim();
        if (!Secrets.IsWellFormed(token))
            return AuthenticateResult.Fail("malformed API token");

        var record = await members.GetAsync(MemberKeys.Tokens, Secrets.Hash(token));
        if (record is not { RevokedAt: null })
            return AuthenticateResult.Fail("unknown or revoked API token");

        var account = await members.GetAsync(MemberKeys.Accounts, record.Account);
        if (account is null)
            return AuthenticateResult.Fail("the token's account is gone");

        var principal = MemberClaims.Principal(account, MemberClaims.BearerScheme);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, MemberClaims.BearerScheme));
    }
}

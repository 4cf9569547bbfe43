using CommunityCluster.Members;
using CommunityCluster.Node.Security;

namespace CommunityCluster.Node.Web;

/// <summary>
/// Joining the community. A member invites with <c>POST /api/invitations</c> (an admin may invite an
/// admin) and passes on the link it returns; the invitee opens it and chooses a name and password,
/// which is <c>POST /api/invitations/accept</c>. The link's token sits after <c>#</c>, so it never
/// reaches a server log; it works once, for <see cref="Lifetime"/>. <c>GET /api/accounts</c> lists the
/// members.
/// </summary>
public static class InvitationEndpoints
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static IEndpointRouteBuilder MapInvitationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/invitations", Invite);
        routes.MapPost("/api/invitations/accept", Accept).AllowAnonymous().RequireRateLimiting(SignInLimits.PolicyName);
        routes.MapGet("/api/accounts", async (MemberDirectory members) => Results.Ok(new
        {
            accounts = (await members.AllAsync(MemberKeys.Accounts)).Values.OrderBy(a => a.Name, StringComparer.Ordinal)
                .Select(a => new { name = a.Name, role = a.Role, createdAt = a.CreatedAt, createdBy = a.CreatedBy }),
        }));
        return routes;
    }

    private static async Task<IResult> Invite(InvitationBody? body, HttpContext context, MemberDirectory members,
        ILogger<InvitationBody> log)
    {
        var role = body?.Role ?? Roles.Member;
        if (!Roles.IsKnown(role))
            return Problems.Of(StatusCodes.Status400BadRequest, "unknown role", "a role is 'member' or 'admin'");
        if (role == Roles.Admin && !context.User.IsAdmin())
            return Problems.Of(StatusCodes.Status403Forbidden, "admins only", "only an admin may invite an admin");

        var token = Secrets.NewToken();
        var now = DateTimeOffset.UtcNow;
        var invitation = new Invitation(Secrets.Hash(token), role, context.User.MemberName()!, now, now + Lifetime, null);
        await members.UpdateAsync(MemberKeys.Invitations, invitation.TokenHash, _ => invitation);
        log.LogInformation("{Account} invited a new {Role}", invitation.CreatedBy, role);
        return Results.Created((string?)null, new { link = $"/#/join/{token}", token, role, expiresAt = invitation.ExpiresAt });
    }

    private static async Task<IResult> Accept(AcceptBody body, MemberDirectory members, ILogger<AcceptBody> log)
    {
        if (!Secrets.IsWellFormed(body.Token))
            return Gone();
        if (!SessionEndpoints.IsAccountName(body.Name))
            return Problems.Of(StatusCodes.Status400BadRequest, "bad name",
                "a name has 1 to 64 letters, digits or . _ @ -");
        if (!Passwords.IsAcceptable(body.Password))
            return Problems.Of(StatusCodes.Status400BadRequest, "bad password",
                $"a password has {Passwords.MinLength} to {Passwords.MaxLength} characters");
        if (await members.GetAsync(MemberKeys.Accounts, body.Name!) is not null)
            return Problems.Of(StatusCodes.Status409Conflict, "name taken", $"'{body.Name}' is already a member's name");

        // Claim the invitation first (inside the replicator, so two accepts on this node cannot both win),
        // then make the account; a name taken in between hands the invitation back.
        var now = DateTimeOffset.UtcNow;
        var hash = Secrets.Hash(body.Token!);
        var claimed = await members.UpdateAsync(MemberKeys.Invitations, hash,
            i => i is not null && i.IsOpen(now) ? i with { AcceptedBy = body.Name } : null);
        if (claimed is null)
            return Gone();

        var account = new Account(body.Name!, claimed.Role, Passwords.Hash(body.Password!), now, claimed.CreatedBy);
        if (await members.UpdateAsync(MemberKeys.Accounts, account.Name, a => a is null ? account : null) is null)
        {
            await members.UpdateAsync(MemberKeys.Invitations, hash, i => i! with { AcceptedBy = null });
            return Problems.Of(StatusCodes.Status409Conflict, "name taken", $"'{body.Name}' is already a member's name");
        }

        log.LogInformation("{Account} joined as {Role}, invited by {InvitedBy}", account.Name, account.Role, account.CreatedBy);
        return Results.Created($"/api/accounts/{account.Name}", new { name = account.Name, role = account.Role });
    }

    private static IResult Gone() =>
        Problems.Of(StatusCodes.Status404NotFound, "no such invitation", "this invitation is unknown, used or expired");
}

/// <summary>The body of <c>POST /api/invitations</c>.</summary>
public sealed record InvitationBody(string? Role);

/// <summary>The body of <c>POST /api/invitations/accept</c>.</summary>
public sealed record AcceptBody(string? Token, string? Name, string? Password);

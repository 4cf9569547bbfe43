namespace CommunityCluster.Members;

/// <summary>What the members' keys hold; bound to <see cref="MembersSerializer"/>.</summary>
public interface IMembersRecord;

/// <summary>The two roles. A member uploads, edits and shares; an admin may also delete anyone's photos and
/// albums and invite admins.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Member = "member";

    public static bool IsKnown(string? role) => role is Admin or Member;
}

/// <summary>
/// A member's account. <paramref name="PasswordHash"/> is ASP.NET Core Identity's salted PBKDF2
/// hash (see <see cref="Passwords"/>); the password itself is never stored or sent anywhere.
/// </summary>
public sealed record Account(string Name, string Role, string PasswordHash, DateTimeOffset CreatedAt, string CreatedBy)
    : IMembersRecord
{
    public bool IsAdmin => Role == Roles.Admin;
}

/// <summary>An invitation, kept by the hash of its link's token; accepted once, before it expires.</summary>
public sealed record Invitation(string TokenHash, string Role, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, string? AcceptedBy) : IMembersRecord
{
    public bool IsOpen(DateTimeOffset now) => AcceptedBy is null && now < ExpiresAt;
}

/// <summary>A bearer token for scripts and <c>ccm photos import</c>, kept by its hash; acts as its account.</summary>
public sealed record ApiToken(string TokenHash, string Account, string Label, DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt) : IMembersRecord
{
    public string Id => TokenHash[..16];
}

/// <summary>
/// A link that shows one photo or one album to someone outside the community, kept by the hash of
/// its token. <paramref name="Id"/> (the hash's first 16 digits) names it for revocation without
/// giving it away. An optional password is hashed like an account's.
/// </summary>
public sealed record ShareLink(string TokenHash, string Kind, string Target, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, string? PasswordHash, DateTimeOffset? RevokedAt) : IMembersRecord
{
    public const string PhotoKind = "photo";
    public const string AlbumKind = "album";

    public string Id => TokenHash[..16];

    public bool IsLive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);
}

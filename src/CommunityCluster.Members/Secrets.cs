using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace CommunityCluster.Members;

/// <summary>
/// Random tokens (invitation, API and share links) and how they are kept: 32 random bytes in
/// base64url, stored only as their SHA-256. A fast hash is enough for a token of 256 random bits,
/// unlike a password.
/// </summary>
public static class Secrets
{
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A token as the sender gave it is well formed: 43 base64url characters.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static bool SameText(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// Passwords through ASP.NET Core Identity's hasher: PBKDF2 with HMAC-SHA512, a 128-bit random salt
/// and 100,000 iterations (its V3 format), which it upgrades by itself when the defaults change.
/// </summary>
public static class Passwords
{
    public const int MinLength = 10;
    public const int MaxLength = 256;

    private static readonly PasswordHasher<object> Hasher = new();

    /// <summary>Verified against when a name is unknown, so a wrong name costs as long as a wrong password.</summary>
    private static readonly string DecoyHash = Hasher.HashPassword(new object(), "decoy password, never matches");

    public static string Hash(string password) => Hasher.HashPassword(new object(), password);

    public static bool Verify(string? hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(new object(), hash ?? DecoyHash, password);
        return hash is not null && result != PasswordVerificationResult.Failed;
    }

    public static bool IsAcceptable(string? password) =>
        password is { Length: >= MinLength and <= MaxLength } && !password.Any(char.IsControl);

    /// <summary>A password for the first admin: 20 characters from 56 unambiguous letters and digits (about 116 bits).</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return string.Create(20, alphabet, (span, letters) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = letters[RandomNumberGenerator.GetInt32(letters.Length)];
        });
    }
}

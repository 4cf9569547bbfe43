using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CommunityCluster.Core.Storage;

/// <summary>
/// The address of content: the lowercase hex SHA-256 of its bytes. Photos and chunks are both
/// named this way, so the same bytes always get the same id and a wrong byte is always noticed.
/// SHA-256 rather than BLAKE3: it is in the base library with hardware support (about 1.8 GB/s
/// here, far above any home disk or uplink), so the faster hash would buy nothing measurable.
/// </summary>
public readonly partial record struct ContentId
{
    public const int HexLength = 64;

    private ContentId(string hex) => Hex = hex;

    public string Hex { get; }

    public static ContentId Of(ReadOnlySpan<byte> bytes) => new(Convert.ToHexStringLower(SHA256.HashData(bytes)));

    public static ContentId FromHash(ReadOnlySpan<byte> sha256) => new(Convert.ToHexStringLower(sha256));

    /// <summary>Accepts only what a hash can look like: 64 hex digits, any case. Paths, spaces, 10 KB strings: no.</summary>
    public static bool TryParse(string? text, out ContentId id)
    {
        id = default;
        if (text is null || text.Length != HexLength || !HexPattern().IsMatch(text))
            return false;

        id = new ContentId(text.ToLowerInvariant());
        return true;
    }

    public static ContentId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a content id (64 hex digits)");

    public override string ToString() => Hex;

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex HexPattern();
}

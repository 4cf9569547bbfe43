using System.Security.Cryptography;

namespace CommunityCluster.Metadata;

/// <summary>
/// The content address of a photo: lowercase hex SHA-256 of its bytes, so the same bytes uploaded
/// twice, under any names, are one photo.
/// </summary>
public static class PhotoId
{
    /// <summary>Hashes <paramref name="content"/> from its current position to its end.</summary>
    public static string Compute(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);

        return Convert.ToHexStringLower(SHA256.HashData(content));
    }

    public static string Compute(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

using System.Globalization;
using Akka.DistributedData;
using CommunityCluster.Core.Storage;
using CommunityCluster.Hosting;

namespace CommunityCluster.Photos.Manifests;

/// <summary>
/// Manifests live in 4096 durable keys, chosen by the first three hex digits of the photo id
/// (which are uniformly spread, being a hash). At 100,000 photos that is about 25 manifests and
/// 15 KB per key, so gossip stays small (DESIGN.md fact 5), far below 100,000 keys.
/// </summary>
public static class ManifestKeys
{
    public const int Count = 4096;
    public const string Prefix = DurableKeys.Prefix + "manifest-";

    public static LWWDictionaryKey<string, PhotoManifest> For(string photoId) => new(Prefix + photoId[..3]);

    public static bool IsManifestKey(string keyId) => keyId.StartsWith(Prefix, StringComparison.Ordinal)
        && int.TryParse(keyId.AsSpan(Prefix.Length), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _);

    public static LWWDictionaryKey<string, PhotoManifest> FromId(string keyId) => new(keyId);
}

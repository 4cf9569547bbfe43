using System.Globalization;
using CommunityCluster.Hosting;

namespace CommunityCluster.Meta.Replication;

/// <summary>
/// Where records live. Photos: 4096 durable keys chosen by the first three hex digits of the photo
/// id (a hash, so evenly spread): about 25 records and 6 KB per key at 100,000 photos, far below
/// the 100,000-key ceiling of DESIGN.md fact 5. Albums: 16 keys by the album id's first digit.
/// </summary>
public static class CatalogKeys
{
    public const int PhotoKeyCount = 4096;
    public const int AlbumKeyCount = 16;
    public const string PhotoPrefix = DurableKeys.Prefix + "catalog-";
    public const string AlbumPrefix = DurableKeys.Prefix + "albums-";

    public static CatalogBucketKey ForPhoto(string photoId) => new(PhotoPrefix + photoId[..3]);

    public static AlbumBucketKey ForAlbum(string albumId) => new(AlbumPrefix + albumId[..1]);

    public static IEnumerable<CatalogBucketKey> AllPhotoKeys =>
        Enumerable.Range(0, PhotoKeyCount).Select(i => new CatalogBucketKey(PhotoPrefix + i.ToString("x3",
            CultureInfo.InvariantCulture)));

    public static IEnumerable<AlbumBucketKey> AllAlbumKeys =>
        Enumerable.Range(0, AlbumKeyCount).Select(i => new AlbumBucketKey(AlbumPrefix + i.ToString("x1",
            CultureInfo.InvariantCulture)));

    public static bool IsPhotoKey(string keyId) => keyId.StartsWith(PhotoPrefix, StringComparison.Ordinal);

    public static bool IsAlbumKey(string keyId) => keyId.StartsWith(AlbumPrefix, StringComparison.Ordinal);
}

public sealed class CatalogBucketKey(string id) : Akka.DistributedData.Key<CatalogBucket>(id);

public sealed class AlbumBucketKey(string id) : Akka.DistributedData.Key<AlbumBucket>(id);

using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;

namespace CommunityCluster.Meta.Replication;

/// <summary>
/// Catalog and album keys on the wire and on disk, in <see cref="CatalogCodec"/>'s binary form.
/// The manifest names the shape and version; a new version adds a manifest and keeps the old one.
/// </summary>
public sealed class CatalogSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 7105;
    public const string BucketManifest = "catalog-bucket.v1";
    public const string AlbumsManifest = "album-bucket.v1";

    public override int Identifier => Id;

    public override string Manifest(object o) => o switch
    {
        CatalogBucket => BucketManifest,
        AlbumBucket => AlbumsManifest,
        _ => throw new ArgumentException($"{o.GetType()} is not part of the catalog contract", nameof(o)),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        CatalogBucket bucket => CatalogCodec.EncodeBucket(bucket),
        AlbumBucket albums => CatalogCodec.EncodeAlbums(albums),
        _ => throw new ArgumentException($"{obj.GetType()} is not part of the catalog contract", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        BucketManifest => CatalogCodec.DecodeBucket(bytes),
        AlbumsManifest => CatalogCodec.DecodeAlbums(bytes),
        _ => throw new SerializationException($"unknown manifest '{manifest}' for {nameof(CatalogSerializer)}"),
    };
}

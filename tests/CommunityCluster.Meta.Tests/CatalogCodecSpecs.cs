using System.Runtime.Serialization;
using CommunityCluster.Meta.Catalog;
using CommunityCluster.Meta.Replication;
using CommunityCluster.Metadata;

namespace CommunityCluster.Meta.Tests;

/// <summary>The stored and wire form of catalog keys: exact round trips, a pinned version 1, no crash on
/// garbage.</summary>
public sealed class CatalogCodecSpecs
{
    /// <summary>A version-1 bucket as this code wrote it when the contract was made; it must stay readable as
    /// it was.</summary>
    private const string PinnedV1 =
        "010203772d6103772d620201197aea900dfb40274bae9a14fc76f88c121384b2e010a5671499a6cfb6022e8c00e80700"
        + "00000000000000013fab5c181bd28a09b64397df76ae2bfaf1eac182979b5fdb7a342858004f36af000001ff000a7069"
        + "6e6e65642e6a70670a696d6167652f6a706567c0c407c01fd0178088fec1af86a9ee087800000543616e6f6e0d43616e"
        + "6f6e20454f53203430440c45462d532031372d38356d6d1ffca9f1d24d62803f66666666666606406400000000000038"
        + "4026cdcccccccc6c4840cdcccccccccc024001000000000080414005616c69636580c099aebda0e8ee08e80700010f74"
        + "69746c65206f662070696e6e656400e807000100000001103031323334353637383961626364656601d00f0101d00f01"
        + "0373656100b8170100b817";

    [Fact]
    public void Bucket_should_round_trip_every_field()
    {
        var full = Records.Entry("full") with
        {
            Description = Lww<string?>.Unset.Set("a long day\nat the sea", "w-b", 2_000),
            Preview = Lww<Preview>.Unset.Set(new Preview(PhotoState.Ready, Records.Id("small"), "not-a-hash-id"), "w-c", 3_000),
            Albums = DotSet.Empty.Add("0123456789abcdef", "w-a", 4_000).Add("fedcba9876543210", "w-b", 5_000).Remove("0123456789abcdef"),
            Tags = DotSet.Empty.Add("sunset", "w-c", 6_000),
        };
        var sparse = PhotoEntry.Uploaded(Records.Id("sparse"), 0, Records.Facts("sparse", make: null, model: null) with
        {
            Width = null,
            Height = null,
            TakenOffset = null,
            Lens = null,
            Exposure = new Exposure(null, 1.8, null, null, 26),
            Position = null,
            TakenSource = TakenAtSource.UploadTime,
        }, Preview.None, null, null, "w-a", 7_000);
        var tombstone = PhotoEntry.Tombstone(Records.Id("gone"), 12, 99);
        var bucket = new CatalogBucket([.. new[] { full, sparse, tombstone }.OrderBy(e => e.PhotoId, StringComparer.Ordinal)]);

        var decoded = CatalogCodec.DecodeBucket(CatalogCodec.EncodeBucket(bucket));

        Assert.Equal(bucket, decoded);
        Assert.Equal(CatalogCodec.EncodeBucket(bucket), CatalogCodec.EncodeBucket(decoded));
    }

    [Fact]
    public void Album_bucket_should_round_trip_live_and_deleted_albums()
    {
        var live = new AlbumEntry("0123456789abcdef", 10, "alice", Lww<string>.Unset.Set("Holidays", "w-a", 11), 0);
        var deleted = new AlbumEntry("1123456789abcdef", 12, "bob", Lww<string>.Unset.Set("Old", "w-b", 13), 0).Delete(20);
        var bucket = AlbumBucket.Empty.With(live).With(deleted);

        Assert.Equal(bucket, CatalogCodec.DecodeAlbums(CatalogCodec.EncodeAlbums(bucket)));
    }

    [Fact]
    public void Version_1_bytes_written_before_should_stay_readable()
    {
        var expected = new CatalogBucket([.. new[]
        {
            Records.Entry("pinned") with { Albums = DotSet.Empty.Add("0123456789abcdef", "w-b", 2_000), Tags = DotSet.Empty.Add("sea", "w-a", 3_000) },
            PhotoEntry.Tombstone(Records.Id("pinned gone"), 0, 1_000),
        }.OrderBy(e => e.PhotoId, StringComparer.Ordinal)]);

        var decoded = CatalogCodec.DecodeBucket(Convert.FromHexString(PinnedV1));

        Assert.Equal(expected, decoded);
        Assert.Equal(PinnedV1, Convert.ToHexStringLower(CatalogCodec.EncodeBucket(expected)));
    }

    [Fact]
    public void Garbage_should_be_refused_with_a_serialization_error_never_a_crash()
    {
        var valid = CatalogCodec.EncodeBucket(new CatalogBucket([Records.Entry("x")]));
        var random = new Random(7);
        byte[][] inputs =
        [
            [], [2], [1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], valid[..^3], [.. valid, 0], [1, 0, 1, 9],
            .. Enumerable.Range(0, 200).Select(_ => { var b = (byte[])valid.Clone(); b[random.Next(1, b.Length)] ^= (byte)random.Next(1, 256); return b; }),
        ];

        foreach (var input in inputs)
        {
            try
            {
                CatalogCodec.DecodeBucket(input);
            }
            catch (SerializationException)
            {
            }
        }
    }

    [Fact]
    public void A_record_with_facts_should_take_about_250_bytes()
    {
        var bucket = new CatalogBucket([.. Enumerable.Range(0, 25).Select(i => Records.Entry("photo " + i)).OrderBy(e => e.PhotoId, StringComparer.Ordinal)]);

        var perRecord = CatalogCodec.EncodeBucket(bucket).Length / 25.0;

        Assert.InRange(perRecord, 150, 300);
    }
}

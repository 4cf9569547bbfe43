using System.Security.Cryptography;
using System.Text;
using CommunityCluster.Meta.Catalog;
using CommunityCluster.Meta.Service;
using CommunityCluster.Metadata;

namespace CommunityCluster.Meta.Tests;

/// <summary>Records made in code: ids from names, facts with every optional part, uploads.</summary>
internal static class Records
{
    public static readonly DateTime Upload = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    public static string Id(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    public static PhotoFacts Facts(string name, DateTime? takenLocal = null, string uploader = "alice", DateTime? uploadedAt = null,
        string? make = "Canon", string? model = "Canon EOS 40D") => new(
        name + ".jpg", "image/jpeg", 123_456, 4032, 3024, takenLocal ?? new DateTime(2024, 7, 14, 18, 30, 0), TimeSpan.FromHours(2),
        TakenAtSource.Exif, make, model, "EF-S 17-85mm", new Exposure(0.008, 2.8, 100, 24, 38), new GeoPosition(48.85, 2.35, 35),
        uploader, uploadedAt ?? Upload);

    public static PhotoEntry Entry(string name, string writer = "w-a", long now = 1_000) =>
        PhotoEntry.Uploaded(Id(name), 0, Facts(name), Preview.Stored, "title of " + name, null, writer, now);

    public static PhotoUpload Upload_(string name, DateTime? takenLocal = null, string uploader = "alice", DateTime? uploadedAt = null) =>
        new(Id(name), Facts(name, takenLocal, uploader, uploadedAt), PhotoState.Stored, null, null);
}

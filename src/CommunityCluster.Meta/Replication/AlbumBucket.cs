using Akka.DistributedData;
using CommunityCluster.Meta.Catalog;

namespace CommunityCluster.Meta.Replication;

/// <summary>The value of one album key: albums sorted by id, merged album by album.</summary>
public sealed class AlbumBucket : IReplicatedData<AlbumBucket>, IEquatable<AlbumBucket>
{
    public static readonly AlbumBucket Empty = new([]);

    internal AlbumBucket(AlbumEntry[] entries) => Entries = entries;

    public IReadOnlyList<AlbumEntry> Entries { get; }

    public AlbumEntry? Find(string albumId) =>
        Entries.FirstOrDefault(a => string.Equals(a.AlbumId, albumId, StringComparison.Ordinal));

    public AlbumBucket With(AlbumEntry entry) => Merge(new AlbumBucket([entry]));

    public AlbumBucket Merge(AlbumBucket other)
    {
        if (ReferenceEquals(this, other) || other.Entries.Count == 0)
            return this;

        var merged = Entries.Concat(other.Entries)
            .GroupBy(a => a.AlbumId, StringComparer.Ordinal)
            .Select(g => g.Aggregate((a, b) => a.Merge(b)))
            .OrderBy(a => a.AlbumId, StringComparer.Ordinal)
            .ToArray();
        var result = new AlbumBucket(merged);
        return result.Equals(this) ? this : result;
    }

    public IReplicatedData Merge(IReplicatedData other) => Merge((AlbumBucket)other);

    public bool Equals(AlbumBucket? other) =>
        other is not null && (ReferenceEquals(this, other) || Entries.SequenceEqual(other.Entries));

    public override bool Equals(object? obj) => Equals(obj as AlbumBucket);

    public override int GetHashCode() => Entries.Count;
}

using Akka.DistributedData;
using CommunityCluster.Meta.Catalog;

namespace CommunityCluster.Meta.Replication;

/// <summary>
/// The value of one catalog key: the records whose ids share a prefix, sorted by id, merged record
/// by record (<see cref="PhotoEntry.Merge"/>). A full-state CRDT on purpose, not a delta CRDT:
/// Akka sends all pending deltas of a node in one message with no size bound, which a bulk import
/// would push past the frame size; full values of one bounded key per write cannot.
/// </summary>
public sealed class CatalogBucket : IReplicatedData<CatalogBucket>, IEquatable<CatalogBucket>
{
    public static readonly CatalogBucket Empty = new([]);

    internal CatalogBucket(PhotoEntry[] entries) => Entries = entries;

    /// <summary>Sorted by photo id (ordinal), one per id.</summary>
    public IReadOnlyList<PhotoEntry> Entries { get; }

    public PhotoEntry? Find(string photoId)
    {
        var low = 0;
        var high = Entries.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var order = string.CompareOrdinal(Entries[middle].PhotoId, photoId);
            if (order == 0)
                return Entries[middle];
            if (order < 0)
                low = middle + 1;
            else
                high = middle - 1;
        }

        return null;
    }

    /// <summary>Puts <paramref name="entry"/> in, merged with the record already there.</summary>
    public CatalogBucket With(PhotoEntry entry) => Merge(new CatalogBucket([entry]));

    public CatalogBucket Merge(CatalogBucket other)
    {
        if (ReferenceEquals(this, other) || other.Entries.Count == 0)
            return this;
        if (Entries.Count == 0)
            return other;

        var merged = new List<PhotoEntry>(Entries.Count + other.Entries.Count);
        var changed = false;
        int i = 0, j = 0;
        while (i < Entries.Count || j < other.Entries.Count)
        {
            var order = i == Entries.Count ? 1 : j == other.Entries.Count ? -1
                : string.CompareOrdinal(Entries[i].PhotoId, other.Entries[j].PhotoId);
            if (order < 0)
            {
                merged.Add(Entries[i++]);
            }
            else if (order > 0)
            {
                merged.Add(other.Entries[j++]);
                changed = true;
            }
            else
            {
                var entry = Entries[i++].Merge(other.Entries[j++]);
                changed |= !ReferenceEquals(entry, Entries[i - 1]);
                merged.Add(entry);
            }
        }

        return changed ? new CatalogBucket([.. merged]) : this;
    }

    public IReplicatedData Merge(IReplicatedData other) => Merge((CatalogBucket)other);

    public bool Equals(CatalogBucket? other)
    {
        if (other is null || other.Entries.Count != Entries.Count)
            return false;
        if (ReferenceEquals(this, other))
            return true;

        for (var k = 0; k < Entries.Count; k++)
        {
            if (!Entries[k].Equals(other.Entries[k]))
                return false;
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as CatalogBucket);

    public override int GetHashCode() => HashCode.Combine(Entries.Count, Entries.Count > 0 ? Entries[0].PhotoId : null);

    public override string ToString() => $"CatalogBucket({Entries.Count} records)";
}

namespace CommunityCluster.Meta.Catalog;

/// <summary>
/// One photo's catalog record as a CRDT. Life cycle:
/// <code>
///   (none) --upload--> live (incarnation i) --delete at d--> tombstone (d > i)
///   tombstone --upload that has seen d--> live (incarnation d, fresh fields)
/// </code>
/// Incarnation and deletion time only grow and merge by max; the record is live while
/// <c>Incarnation >= DeletedAt</c>. So a delete wins over every edit and re-upload that did not
/// see it, whatever the clocks say, and only an upload made after seeing the delete brings the
/// photo back (as a new record: old title and albums stay gone). Within one incarnation the fields
/// merge one by one: facts keep the earliest upload, title, description and preview are
/// last-writer-wins, albums and tags are observed-remove sets. A tombstone keeps only the id and
/// the two times (about 200 bytes), so that late edits cannot bring a deleted photo back.
/// </summary>
public sealed record PhotoEntry(
    string PhotoId,
    long Incarnation,
    long DeletedAt,
    PhotoFacts? Facts,
    Lww<string?> Title,
    Lww<string?> Description,
    Lww<Preview> Preview,
    DotSet Albums,
    DotSet Tags)
{
    public bool IsLive => Facts is not null && Incarnation >= DeletedAt;

    /// <summary>A new record (or a new incarnation after <paramref name="incarnation"/>'s delete) from an
    /// upload.</summary>
    public static PhotoEntry Uploaded(string photoId, long incarnation, PhotoFacts facts, Preview preview,
        string? title,
        string? description, string writer, long nowTicks) => new(
        photoId,
        incarnation,
        incarnation,
        facts,
        title is null ? Lww<string?>.Unset : Lww<string?>.Unset.Set(title, writer, nowTicks),
        description is null ? Lww<string?>.Unset : Lww<string?>.Unset.Set(description, writer, nowTicks),
        Lww<Preview>.Unset.Set(preview, writer, nowTicks),
        DotSet.Empty,
        DotSet.Empty);

    public static PhotoEntry Tombstone(string photoId, long incarnation, long deletedAt) =>
        new(photoId, incarnation, deletedAt, null, Lww<string?>.Unset, Lww<string?>.Unset, Lww<Preview>.Unset,
            DotSet.Empty,
            DotSet.Empty);

    /// <summary>Deleted now: a tombstone whose time is above the incarnation, whatever this clock says.</summary>
    public PhotoEntry Delete(long nowTicks) =>
        Tombstone(PhotoId, Incarnation, Math.Max(nowTicks, Math.Max(Incarnation, DeletedAt) + 1));

    public PhotoEntry Merge(PhotoEntry other)
    {
        if (ReferenceEquals(this, other) || Equals(other))
            return this;

        var incarnation = Math.Max(Incarnation, other.Incarnation);
        var deletedAt = Math.Max(DeletedAt, other.DeletedAt);
        if (incarnation < deletedAt)
            return Incarnation == incarnation && DeletedAt == deletedAt && Facts is null ? this : Tombstone(PhotoId,
                incarnation, deletedAt);

        // Only the newest incarnation's fields count; an older one's were deleted with it.
        if (other.Incarnation < incarnation || other.Facts is null)
            return DeletedAt == deletedAt ? this : this with { DeletedAt = deletedAt };
        if (Incarnation < incarnation || Facts is null)
            return other.DeletedAt == deletedAt ? other : other with { DeletedAt = deletedAt };

        return new PhotoEntry(
            PhotoId,
            incarnation,
            deletedAt,
            PhotoFacts.Earliest(Facts, other.Facts),
            Title.Merge(other.Title),
            Description.Merge(other.Description),
            Preview.Merge(other.Preview),
            Albums.Merge(other.Albums),
            Tags.Merge(other.Tags));
    }
}

namespace CommunityCluster.Meta.Catalog;

/// <summary>
/// An album: a name people can change (last writer wins) and a deletion that wins over any
/// concurrent rename and is final (album ids are random, never reused). Which photos are in it is
/// kept on each photo (<see cref="PhotoEntry.Albums"/>); a photo added to an album that another
/// side deleted at the same time is simply not shown in it.
/// </summary>
public sealed record AlbumEntry(string AlbumId, long CreatedAt, string CreatedBy, Lww<string> Name, long DeletedAt)
{
    public bool IsLive => DeletedAt == 0;

    public AlbumEntry Delete(long nowTicks) =>
        new(AlbumId, CreatedAt, CreatedBy, Lww<string>.Unset, Math.Max(nowTicks, Math.Max(CreatedAt, Name.At) + 1));

    public AlbumEntry Merge(AlbumEntry other)
    {
        if (ReferenceEquals(this, other) || Equals(other))
            return this;

        var deletedAt = Math.Max(DeletedAt, other.DeletedAt);
        var createdAt = Math.Min(CreatedAt, other.CreatedAt);
        var createdBy = CreatedAt < other.CreatedAt || (CreatedAt == other.CreatedAt
            && string.CompareOrdinal(CreatedBy, other.CreatedBy) <= 0)
            ? CreatedBy
            : other.CreatedBy;
        var name = deletedAt > 0 ? Lww<string>.Unset : Name.Merge(other.Name);
        return new AlbumEntry(AlbumId, createdAt, createdBy, name, deletedAt);
    }
}

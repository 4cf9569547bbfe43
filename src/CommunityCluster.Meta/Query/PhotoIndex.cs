using CommunityCluster.Meta.Catalog;
using CommunityCluster.Meta.Replication;

namespace CommunityCluster.Meta.Query;

/// <summary>
/// The local replica of the catalog in the shapes the queries need: every live photo in gallery
/// order, and the same per album and per camera. It holds the very records the replicator holds
/// (no copies): about 150 bytes per photo on top of the records. Not thread-safe: one actor owns it.
/// </summary>
public sealed class PhotoIndex
{
    private readonly Dictionary<string, CatalogBucket> _photoBuckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AlbumBucket> _albumBuckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PhotoEntry> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AlbumEntry> _albums = new(StringComparer.Ordinal);
    private readonly SortedSet<SortKey> _all = [];
    private readonly Dictionary<string, SortedSet<SortKey>> _byAlbum = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<SortKey>> _byCamera = new(StringComparer.OrdinalIgnoreCase);

    public int PhotoCount => _live.Count;

    public int PhotoKeyCount => _photoBuckets.Count;

    public int TombstoneCount => _photoBuckets.Values.Sum(b => b.Entries.Count(e => !e.IsLive));

    public IEnumerable<AlbumEntry> LiveAlbums => _albums.Values.Where(a => a.IsLive);

    public PhotoEntry? Find(string photoId) => _live.GetValueOrDefault(photoId);

    public CatalogBucket? Bucket(string keyId) => _photoBuckets.GetValueOrDefault(keyId);

    public AlbumEntry? Album(string albumId) => _albums.GetValueOrDefault(albumId);

    public bool IsLiveAlbum(string albumId) => _albums.TryGetValue(albumId, out var album) && album.IsLive;

    /// <summary>Takes in the new value of a photo key, re-indexing only the records that changed.</summary>
    public void Apply(string keyId, CatalogBucket bucket)
    {
        _photoBuckets.TryGetValue(keyId, out var previous);
        if (ReferenceEquals(previous, bucket))
            return;

        foreach (var entry in bucket.Entries)
        {
            var old = previous?.Find(entry.PhotoId);
            if (ReferenceEquals(old, entry) || (old is not null && old.Equals(entry)))
                continue;

            if (old is { IsLive: true })
                Unindex(old);
            if (entry.IsLive)
                Index(entry);
        }

        _photoBuckets[keyId] = bucket;
    }

    public void Apply(string keyId, AlbumBucket bucket)
    {
        foreach (var album in bucket.Entries)
            _albums[album.AlbumId] = album;
        _albumBuckets[keyId] = bucket;
    }

    public int AlbumPhotoCount(string albumId) => _byAlbum.TryGetValue(albumId, out var set) ? set.Count : 0;

    public string? AlbumCover(string albumId) => _byAlbum.TryGetValue(albumId, out var set) && set.Count > 0
        ? set.Min.PhotoId : null;

    public IEnumerable<PhotoEntry> PhotosInAlbum(string albumId) =>
        _byAlbum.TryGetValue(albumId, out var set) ? set.Select(k => _live[k.PhotoId]).ToList() : [];

    public IEnumerable<(string Label, string? Make, string? Model, int Photos)> Cameras =>
        _byCamera.Where(c => c.Value.Count > 0).Select(c =>
        {
            var sample = _live[c.Value.Min.PhotoId].Facts!;
            return (sample.CameraLabel!, sample.CameraMake, sample.CameraModel, c.Value.Count);
        });

    /// <summary>
    /// Up to <paramref name="limit"/> live photos in gallery order, strictly after
    /// <paramref name="after"/>, filtered by album, camera or local day; and whether more follow.
    /// </summary>
    public (IReadOnlyList<PhotoEntry> Page, bool More) Page(int limit, SortKey? after, string? albumId, string? camera,
        DateOnly? day)
    {
        var source = albumId is not null ? _byAlbum.GetValueOrDefault(albumId)
            : camera is not null ? _byCamera.GetValueOrDefault(camera)
            : _all;
        if (source is null || source.Count == 0)
            return ([], false);

        var lower = source.Min;
        var upper = source.Max;
        if (day is { } d)
        {
            var start = d.ToDateTime(TimeOnly.MinValue).Ticks;
            lower = Max(lower, new SortKey(start + TimeSpan.TicksPerDay - 1, ""));
            upper = Min(upper, new SortKey(start, "\uffff"));
        }

        if (after is { } cursor)
            lower = Max(lower, cursor);
        if (lower.CompareTo(upper) > 0)
            return ([], false);

        var page = new List<PhotoEntry>(limit);
        foreach (var key in source.GetViewBetween(lower, upper))
        {
            if (after is { } c && key.CompareTo(c) == 0)
                continue;
            if (page.Count == limit)
                return (page, true);

            page.Add(_live[key.PhotoId]);
        }

        return (page, false);
    }

    public static SortKey KeyOf(PhotoEntry entry) => new(entry.Facts!.TakenLocal.Ticks, entry.PhotoId);

    private void Index(PhotoEntry entry)
    {
        var key = KeyOf(entry);
        _live[entry.PhotoId] = entry;
        _all.Add(key);
        foreach (var album in entry.Albums.Elements)
            SetFor(_byAlbum, album).Add(key);
        if (entry.Facts!.CameraLabel is { } camera)
            SetFor(_byCamera, camera).Add(key);
    }

    private void Unindex(PhotoEntry entry)
    {
        var key = KeyOf(entry);
        _live.Remove(entry.PhotoId);
        _all.Remove(key);
        foreach (var album in entry.Albums.Elements)
            _byAlbum.GetValueOrDefault(album)?.Remove(key);
        if (entry.Facts!.CameraLabel is { } camera)
            _byCamera.GetValueOrDefault(camera)?.Remove(key);
    }

    private static SortedSet<SortKey> SetFor(Dictionary<string, SortedSet<SortKey>> sets, string name)
    {
        if (!sets.TryGetValue(name, out var set))
            sets[name] = set = [];
        return set;
    }

    private static SortKey Max(SortKey a, SortKey b) => a.CompareTo(b) >= 0 ? a : b;

    private static SortKey Min(SortKey a, SortKey b) => a.CompareTo(b) <= 0 ? a : b;
}

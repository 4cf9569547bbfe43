using Akka.Actor;
using Akka.DistributedData;
using Akka.Event;
using CommunityCluster.Meta.Catalog;
using CommunityCluster.Meta.Replication;
using CommunityCluster.Meta.Service;

namespace CommunityCluster.Meta.Query;

/// <summary>Re-read these keys from the local replica before answering <see cref="Refreshed"/>:
/// read-your-writes.</summary>
internal sealed record Refresh(IReadOnlyList<IKey> Keys);

internal sealed record Refreshed
{
    public static readonly Refreshed Instance = new();
}

/// <summary>
/// Keeps <see cref="PhotoIndex"/> in step with the local replica and answers the queries from it.
/// It subscribes to every catalog and album key (the replicator notifies changes every 500 ms); a
/// writer asks it to <see cref="Refresh"/> a key it has just written, so that a client reads its
/// own write at once. Queries never leave this node.
/// </summary>
internal sealed class CatalogIndex : ReceiveActor
{
    public const string Name = "metahub-index";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _replicator;
    private readonly PhotoIndex _index = new();

    public CatalogIndex(IActorRef replicator)
    {
        _replicator = replicator;

        Receive<Changed>(changed => Apply(changed.Key, changed.Data));
        Receive<Refresh>(refresh =>
        {
            var pending = new PendingRefresh(Sender, refresh.Keys.Count);
            foreach (var key in refresh.Keys)
                _replicator.Tell(new Get(key, ReadLocal.Instance, pending));
        });
        Receive<GetSuccess>(success =>
        {
            Apply(success.Key, success.Data);
            (success.Request as PendingRefresh)?.Arrived();
        });
        Receive<NotFound>(notFound => (notFound.Request as PendingRefresh)?.Arrived());

        Receive<GetPhoto>(get => Sender.Tell(_index.Find(get.PhotoId) is { } entry
            ? new PhotoFound(CatalogViews.Photo(entry, _index.Album))
            : new CatalogNotFound("photo", get.PhotoId)));
        Receive<ListPhotos>(list => Sender.Tell(Page(list.Query)));
        Receive<ListAlbums>(_ => Sender.Tell(new AlbumList([.. _index.LiveAlbums.Select(View).OrderBy(a => a.Name,
            StringComparer.OrdinalIgnoreCase)])));
        Receive<GetAlbum>(get => Sender.Tell(_index.Album(get.AlbumId) is { IsLive: true } album
            ? new AlbumFound(View(album))
            : new CatalogNotFound("album", get.AlbumId)));
        Receive<ListCameras>(_ => Sender.Tell(new CameraList([.. _index.Cameras
            .Select(c => new CameraView(c.Label, c.Make, c.Model, c.Photos)).OrderByDescending(c => c.Photos)])));
        Receive<GetCatalogStats>(_ => Sender.Tell(new CatalogStats(_index.PhotoCount, _index.TombstoneCount,
            _index.LiveAlbums.Count(), _index.PhotoKeyCount)));
        Receive<PhotosInAlbum>(query =>
            Sender.Tell(_index.PhotosInAlbum(query.AlbumId).Select(p => p.PhotoId).ToList()));
    }

    public static Props Props(IActorRef replicator) => Akka.Actor.Props.Create(() => new CatalogIndex(replicator));

    protected override void PreStart()
    {
        foreach (var key in CatalogKeys.AllPhotoKeys)
            _replicator.Tell(Dsl.Subscribe(key, Self));
        foreach (var key in CatalogKeys.AllAlbumKeys)
            _replicator.Tell(Dsl.Subscribe(key, Self));
    }

    private void Apply(IKey key, object data)
    {
        switch (data)
        {
            case CatalogBucket photos:
                _index.Apply(key.Id, photos);
                break;
            case AlbumBucket albums:
                _index.Apply(key.Id, albums);
                break;
            default:
                _log.Warning("Catalog key {Key} holds a {Type}, not a catalog value; ignored", key.Id,
                    data.GetType().Name);
                break;
        }
    }

    private ICatalogMessage Page(PhotoQuery query)
    {
        SortKey? after = null;
        if (query.Cursor is not null)
        {
            if (!PhotoCursor.TryDecode(query.Cursor, out var cursor))
                return new CatalogRefused("bad cursor", "the cursor is not one this API gave out");
            after = cursor;
        }

        if (query.AlbumId is not null && !_index.IsLiveAlbum(query.AlbumId))
            return new CatalogNotFound("album", query.AlbumId);

        var (page, more) = _index.Page(query.Limit, after, query.AlbumId, query.Camera, query.Day);
        var items = page.Select(p => CatalogViews.Summary(p, _index.IsLiveAlbum)).ToList();
        return new PhotoPage(items, more && page.Count > 0 ? PhotoCursor.Encode(PhotoIndex.KeyOf(page[^1])) : null);
    }

    private AlbumView View(AlbumEntry album) => new(album.AlbumId, album.Name.Value, new DateTime(album.CreatedAt,
        DateTimeKind.Utc),
        album.CreatedBy, _index.AlbumPhotoCount(album.AlbumId), _index.AlbumCover(album.AlbumId));

    /// <summary>Counts the keys of one <see cref="Refresh"/> back in, then tells whoever asked.</summary>
    private sealed class PendingRefresh(IActorRef replyTo, int keys)
    {
        private int _left = keys;

        public void Arrived()
        {
            if (--_left == 0)
                replyTo.Tell(Refreshed.Instance);
        }
    }
}

/// <summary>The ids of the live photos in an album (for cleaning up after its deletion).</summary>
internal sealed record PhotosInAlbum(string AlbumId);

using System.Security.Cryptography;
using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using Akka.Hosting;
using CommunityCluster.Core.Settings;
using CommunityCluster.Meta.Catalog;
using CommunityCluster.Meta.Query;
using CommunityCluster.Meta.Replication;

namespace CommunityCluster.Meta.Service;

/// <summary>
/// Reads, writes and queries the catalog on this node. Queries and reads are answered by the local
/// index; writes are read-modify-write inside the local replicator, so two photos sharing a key
/// never overwrite each other, and go to every replica at once when all are reachable. When one is
/// not (a partition, a home switched off without leaving), the write lands on this node's durable
/// replica without waiting and <see cref="CatalogSpreader"/> pushes it when the replica is back.
/// Either way the write is acknowledged: each side of a partition keeps working.
/// </summary>
public sealed class CatalogDirectory
{
    private static readonly TimeSpan AskMargin = TimeSpan.FromSeconds(5);

    private readonly IActorRef _replicator;
    private readonly IActorRef _index;
    private readonly IActorRef _spreader;
    private readonly Cluster _cluster;
    private readonly MetaHubOptions _options;
    private readonly TimeProvider _clock;

    public CatalogDirectory(ActorSystem system, IActorRef index, IActorRef spreader, MetaHubOptions options,
        TimeProvider? clock = null)
    {
        _replicator = DistributedData.Get(system).Replicator;
        _index = index;
        _spreader = spreader;
        _cluster = Cluster.Get(system);
        _options = options;
        _clock = clock ?? TimeProvider.System;
        Writer = WriterId.LoadOrCreate(options.DataDirectory);
    }

    /// <summary>The id this node stamps on its writes.</summary>
    public string Writer { get; }

    public static CatalogDirectory For(ActorSystem system, MetaHubOptions options)
    {
        var registry = ActorRegistry.For(system);
        return new CatalogDirectory(system, registry.Get<CatalogIndex>(), registry.Get<CatalogSpreader>(), options);
    }

    /// <summary>Answers any <see cref="ICatalogRequest"/> with one of the replies its type names.</summary>
    public Task<ICatalogMessage> AskAsync(ICatalogRequest request, CancellationToken cancel = default) => request switch
    {
        RecordUpload r => RecordAsync(r.Upload),
        RecordUploads r => RecordAllAsync(r.Uploads),
        EditPhoto r => EditAsync(r.PhotoId, r.Edit),
        SetPreview r => SetPreviewAsync(r.PhotoId, r.Preview),
        RemovePhoto r => RemoveAsync(r.PhotoId, r.EvenIfUnknown),
        CreateAlbum r => CreateAlbumAsync(r.Name, r.CreatedBy),
        RenameAlbum r => RenameAlbumAsync(r.AlbumId, r.Name),
        DeleteAlbum r => DeleteAlbumAsync(r.AlbumId),
        _ => _index.Ask<ICatalogMessage>(request, _options.ReadTimeout, cancel),
    };

    public async Task<T> AskAsync<T>(ICatalogRequest request, CancellationToken cancel = default)
        where T : ICatalogMessage =>
        await AskAsync(request, cancel) is T reply
            ? reply
            : throw new InvalidOperationException($"{request.GetType().Name} was not answered by a {typeof(T).Name}");

    private long Now => _clock.GetUtcNow().UtcTicks;

    private async Task<ICatalogMessage> RecordAsync(PhotoUpload upload)
    {
        var wasLive = false;
        var key = CatalogKeys.ForPhoto(upload.PhotoId);
        var outcome = await UpdateAsync(key, bucket =>
        {
            var existing = bucket.Find(upload.PhotoId);
            wasLive = existing is { IsLive: true };
            return bucket.With(Uploaded(existing, upload));
        });

        return (ICatalogMessage?)outcome.Refusal ?? new UploadRecorded(upload.PhotoId, wasLive, outcome.Replicated);
    }

    private async Task<ICatalogMessage> RecordAllAsync(IReadOnlyList<PhotoUpload> uploads)
    {
        if (uploads.Count == 0)
            return new UploadsRecorded(0, 0, 0);

        var byKey = uploads.GroupBy(u => CatalogKeys.ForPhoto(u.PhotoId).Id).ToList();
        var notReplicated = 0;
        await Parallel.ForEachAsync(byKey, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (group, _) =>
        {
            var outcome = await UpdateAsync(new CatalogBucketKey(group.Key),
                bucket => group.Aggregate(bucket, (b, upload) => b.With(Uploaded(b.Find(upload.PhotoId), upload))),
                refresh: false);
            if (!outcome.Replicated)
                Interlocked.Increment(ref notReplicated);
        });

        await _index.Ask<Refreshed>(new Refresh([.. byKey.Select(g => (IKey)new CatalogBucketKey(g.Key))]),
            _options.ReadTimeout * 4);
        return new UploadsRecorded(uploads.Count, byKey.Count, notReplicated);
    }

    /// <summary>
    /// A new record, a new incarnation of a deleted one, or (for a photo already live) the same
    /// record with the earliest upload's facts: a re-upload never touches title, albums or tags.
    /// </summary>
    private PhotoEntry Uploaded(PhotoEntry? existing, PhotoUpload upload) => existing switch
    {
        null => PhotoEntry.Uploaded(upload.PhotoId, 0, upload.Facts, new Preview(upload.State), upload.Title,
            upload.Description, Writer, Now),
        { IsLive: true } => existing with { Facts = PhotoFacts.Earliest(existing.Facts!, upload.Facts) },
        _ => PhotoEntry.Uploaded(upload.PhotoId, existing.DeletedAt, upload.Facts, new Preview(upload.State),
            upload.Title, upload.Description, Writer, Now),
    };

    private async Task<ICatalogMessage> EditAsync(string photoId, PhotoEdit edit)
    {
        foreach (var albumId in edit.AddAlbums ?? [])
        {
            if (await LocalAlbumAsync(albumId) is not { IsLive: true })
                return new CatalogNotFound("album", albumId);
        }

        return await UpdatePhotoAsync(photoId, entry => Edited(entry, edit));
    }

    private PhotoEntry Edited(PhotoEntry entry, PhotoEdit edit)
    {
        var now = Now;
        var edited = entry;
        if (edit.Title is not null)
            edited = edited with { Title = edited.Title.Set(edit.Title.Length == 0 ? null : edit.Title, Writer, now) };
        if (edit.Description is not null)
        {
            var description = edit.Description.Length == 0 ? null : edit.Description;
            edited = edited with { Description = edited.Description.Set(description, Writer, now) };
        }

        var albums = (edit.RemoveAlbums ?? []).Aggregate(edited.Albums, (set, album) => set.Remove(album));
        albums = (edit.AddAlbums ?? []).Aggregate(albums, (set, album) => set.Add(album, Writer, now));
        var tags = (edit.RemoveTags ?? []).Aggregate(edited.Tags, (set, tag) => set.Remove(tag));
        tags = (edit.AddTags ?? []).Aggregate(tags, (set, tag) => set.Add(tag, Writer, now));
        if (albums.Count > CatalogLimits.MaxAlbumsPerPhoto || tags.Count > CatalogLimits.MaxTagsPerPhoto)
            throw new CatalogLimitException($"a photo is in at most {CatalogLimits.MaxAlbumsPerPhoto} albums and has at most {CatalogLimits.MaxTagsPerPhoto} tags");

        return edited with { Albums = albums, Tags = tags };
    }

    private Task<ICatalogMessage> SetPreviewAsync(string photoId, Preview preview) =>
        UpdatePhotoAsync(photoId, entry => entry with { Preview = entry.Preview.Set(preview, Writer, Now) });

    /// <summary>Applies <paramref name="change"/> to a live photo and answers with its new view.</summary>
    private async Task<ICatalogMessage> UpdatePhotoAsync(string photoId, Func<PhotoEntry, PhotoEntry> change)
    {
        if (await LocalPhotoAsync(photoId) is not { IsLive: true })
            return new CatalogNotFound("photo", photoId);

        var found = true;
        var outcome = await UpdateAsync(CatalogKeys.ForPhoto(photoId), bucket =>
        {
            var entry = bucket.Find(photoId);
            found = entry is { IsLive: true };
            return found ? bucket.With(change(entry!)) : bucket;
        });

        if (outcome.Refusal is { } refusal)
            return refusal;
        return found
            ? await _index.Ask<ICatalogMessage>(new GetPhoto(photoId), _options.ReadTimeout)
            : new CatalogNotFound("photo", photoId);
    }

    /// <summary>Removes a photo at once (see <see cref="RemovePhoto"/>).</summary>
    private async Task<ICatalogMessage> RemoveAsync(string photoId, bool evenIfUnknown)
    {
        if (!evenIfUnknown && await LocalPhotoAsync(photoId) is not { IsLive: true })
            return new PhotoRemoved(photoId, false);

        var wasLive = false;
        var outcome = await UpdateAsync(CatalogKeys.ForPhoto(photoId), bucket =>
        {
            var existing = bucket.Find(photoId);
            wasLive = existing is { IsLive: true };
            return existing switch
            {
                null => bucket.With(PhotoEntry.Tombstone(photoId, 0, Now)),
                { IsLive: true } => bucket.With(existing.Delete(Now)),
                _ => bucket,
            };
        });

        return (ICatalogMessage?)outcome.Refusal ?? new PhotoRemoved(photoId, wasLive);
    }

    private async Task<ICatalogMessage> CreateAlbumAsync(string name, string createdBy)
    {
        var albumId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var now = Now;
        var album = new AlbumEntry(albumId, now, createdBy, Lww<string>.Unset.Set(name, Writer, now), 0);
        var outcome = await UpdateAsync(CatalogKeys.ForAlbum(albumId), bucket => bucket.With(album));
        return outcome.Refusal ?? await _index.Ask<ICatalogMessage>(new GetAlbum(albumId), _options.ReadTimeout);
    }

    private async Task<ICatalogMessage> RenameAlbumAsync(string albumId, string name)
    {
        if (await LocalAlbumAsync(albumId) is not { IsLive: true })
            return new CatalogNotFound("album", albumId);

        var outcome = await UpdateAsync(CatalogKeys.ForAlbum(albumId), bucket =>
            bucket.Find(albumId) is { IsLive: true } album
                ? bucket.With(album with { Name = album.Name.Set(name, Writer, Now) })
                : bucket);
        return outcome.Refusal ?? await _index.Ask<ICatalogMessage>(new GetAlbum(albumId), _options.ReadTimeout);
    }

    /// <summary>
    /// Deletes the album (final: a concurrent rename loses), then takes it off its photos so their
    /// records do not keep a dead id. A photo added to it concurrently elsewhere keeps the id, but
    /// no query shows a deleted album.
    /// </summary>
    private async Task<ICatalogMessage> DeleteAlbumAsync(string albumId)
    {
        if (await LocalAlbumAsync(albumId) is not { IsLive: true })
            return new CatalogNotFound("album", albumId);

        var members = await _index.Ask<List<string>>(new PhotosInAlbum(albumId), _options.ReadTimeout);
        var outcome = await UpdateAsync(CatalogKeys.ForAlbum(albumId), bucket => bucket.Find(albumId) is { } album
            ? bucket.With(album.Delete(Now))
            : bucket);
        if (outcome.Refusal is { } refusal)
            return refusal;

        foreach (var group in members.GroupBy(id => CatalogKeys.ForPhoto(id).Id))
        {
            await UpdateAsync(new CatalogBucketKey(group.Key), bucket => group.Aggregate(bucket, (b, id) =>
                b.Find(id) is { IsLive: true } entry ? b.With(entry with { Albums = entry.Albums.Remove(albumId) })
                    : b));
        }

        return new AlbumDeleted(albumId, members.Count);
    }

    /// <summary>The record in this node's replica: authoritative here, unlike the index, which may lag it by
    /// 500 ms.</summary>
    private async Task<PhotoEntry?> LocalPhotoAsync(string photoId)
    {
        var key = CatalogKeys.ForPhoto(photoId);
        var response = await _replicator.Ask<IGetResponse>(Dsl.Get(key, ReadLocal.Instance), _options.ReadTimeout);
        return response.IsSuccessful ? response.Get(key).Find(photoId) : null;
    }

    private async Task<AlbumEntry?> LocalAlbumAsync(string albumId)
    {
        var key = CatalogKeys.ForAlbum(albumId);
        var response = await _replicator.Ask<IGetResponse>(Dsl.Get(key, ReadLocal.Instance), _options.ReadTimeout);
        return response.IsSuccessful ? response.Get(key).Find(albumId) : null;
    }

    private async Task<WriteOutcome> UpdateAsync<T>(Key<T> key, Func<T, T> modify, bool refresh = true)
        where T : class, IReplicatedData<T>
    {
        var reachable = AllReplicasReachable();
        IWriteConsistency consistency = reachable ? new WriteAll(_options.WriteTimeout) : WriteLocal.Instance;
        var initial = (T)(object)(typeof(T) == typeof(CatalogBucket) ? CatalogBucket.Empty : AlbumBucket.Empty);
        var update = Dsl.Update(key, initial, consistency, (T current) => Bounded(current, modify(current)));
        var response = await _replicator.Ask<IUpdateResponse>(update, _options.WriteTimeout + AskMargin);

        if (response is ModifyFailure { Cause: CatalogLimitException limit })
            return new WriteOutcome(false, new CatalogRefused("catalog limit", limit.Message));

        var replicated = response switch
        {
            UpdateSuccess => reachable,
            UpdateTimeout => false,
            _ => throw new InvalidOperationException($"catalog write to {key.Id} failed: {response}"),
        };

        if (!replicated)
            _spreader.Tell(new Unspread(key.Id));
        if (refresh)
            await _index.Ask<Refreshed>(new Refresh([key]), _options.ReadTimeout);

        return new WriteOutcome(replicated, null);
    }

    /// <summary>Refuses a change that would grow a key past <see cref="CatalogLimits.MaxKeyBytes"/>
    /// (DESIGN.md fact 5).</summary>
    private static T Bounded<T>(T before, T after) where T : class, IReplicatedData<T>
    {
        if (ReferenceEquals(before, after))
            return after;

        var size = Size(after);
        if (size > CatalogLimits.MaxKeyBytes && size > Size(before))
            throw new CatalogLimitException($"this photo's catalog key would grow to {size} bytes, past its bound of {CatalogLimits.MaxKeyBytes}");

        return after;
    }

    private static int Size(object value) => value switch
    {
        CatalogBucket b => CatalogCodec.EncodeBucket(b).Length,
        AlbumBucket a => CatalogCodec.EncodeAlbums(a).Length,
        _ => 0,
    };

    private bool AllReplicasReachable() => !_cluster.State.Unreachable.Any(m => m.HasRole(ServiceRole.NodeRole));

    private sealed record WriteOutcome(bool Replicated, CatalogRefused? Refusal);
}

/// <summary>A change would break one of <see cref="CatalogLimits"/>; the replicator reports it as a modify
/// failure.</summary>
public sealed class CatalogLimitException(string message) : Exception(message);

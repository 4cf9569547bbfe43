using CommunityCluster.Meta.Catalog;
using CommunityCluster.Meta.Query;
using CommunityCluster.Meta.Replication;

namespace CommunityCluster.Meta.Tests;

public sealed class PhotoIndexSpecs
{
    private static readonly DateTime Day = new(2024, 7, 14);

    [Fact]
    public void Pages_should_go_newest_taken_first_and_stay_stable_while_photos_are_added()
    {
        var index = new PhotoIndex();
        var photos = Enumerable.Range(0, 30).Select(i => Photo($"p{i}", Day.AddHours(-i))).ToList();
        Put(index, photos);

        var (first, more) = index.Page(10, null, null, null, null);
        Put(index, [Photo("newer", Day.AddHours(5)), Photo("in between", Day.AddHours(-15).AddMinutes(30))]);
        var after = PhotoIndex.KeyOf(first[^1]);
        Assert.True(PhotoCursor.TryDecode(PhotoCursor.Encode(after), out var decoded));
        var (second, _) = index.Page(10, decoded, null, null, null);

        Assert.True(more);
        Assert.Equal(photos.Take(10).Select(p => p.PhotoId), first.Select(p => p.PhotoId));
        Assert.Equal(photos.Skip(10).Take(5).Select(p => p.PhotoId).Append(Records.Id("in between")).Concat(photos.Skip(15).Take(4).Select(p => p.PhotoId)),
            second.Select(p => p.PhotoId));
    }

    [Fact]
    public void Filters_should_select_by_album_camera_and_local_day()
    {
        var index = new PhotoIndex();
        var inAlbum = Photo("in album", Day.AddHours(10)) with { Albums = DotSet.Empty.Add("0123456789abcdef", "w", 1) };
        var nikon = PhotoEntry.Uploaded(Records.Id("nikon"), 0, Records.Facts("nikon", Day.AddDays(-1).AddHours(23), make: "NIKON",
            model: "COOLPIX P6000"), Preview.Stored, null, null, "w", 1);
        var lateThatDay = Photo("late", Day.AddHours(23).AddMinutes(59));
        Put(index, [inAlbum, nikon, lateThatDay]);

        Assert.Equal([inAlbum.PhotoId], Ids(index.Page(10, null, "0123456789abcdef", null, null)));
        Assert.Equal([nikon.PhotoId], Ids(index.Page(10, null, null, "nikon coolpix p6000", null)));
        Assert.Equal([lateThatDay.PhotoId, inAlbum.PhotoId], Ids(index.Page(10, null, null, null, DateOnly.FromDateTime(Day))));
        Assert.Equal([inAlbum.PhotoId], Ids(index.Page(10, null, "0123456789abcdef", null, DateOnly.FromDateTime(Day))));
    }

    [Fact]
    public void A_deleted_photo_should_leave_every_list()
    {
        var index = new PhotoIndex();
        var photo = Photo("gone", Day) with { Albums = DotSet.Empty.Add("0123456789abcdef", "w", 1) };
        Put(index, [photo]);

        Put(index, [photo.Delete(5_000)]);

        Assert.Equal(0, index.PhotoCount);
        Assert.Empty(Ids(index.Page(10, null, "0123456789abcdef", null, null)));
        Assert.Empty(Ids(index.Page(10, null, null, "Canon EOS 40D", null)));
        Assert.Equal(1, index.TombstoneCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("YzE6MTox")]
    [InlineData("YzI6NjMzNjAyODk3MTkwMDAwMDAwOjE3MzA3YjEyMDdlYjY0ODdkNzkwOGU5ZDE1NDg5MGI0NmUzZDJlMDE5MjM2OWNmZDNmNGMzM2Q1YTVhZjQwMzU")]
    public void Cursor_should_refuse_what_the_api_did_not_give_out(string cursor) =>
        Assert.False(PhotoCursor.TryDecode(cursor, out _));

    private static PhotoEntry Photo(string name, DateTime takenLocal) =>
        PhotoEntry.Uploaded(Records.Id(name), 0, Records.Facts(name, takenLocal), Preview.Stored, null, null, "w", 1);

    private static void Put(PhotoIndex index, IEnumerable<PhotoEntry> entries)
    {
        foreach (var group in entries.GroupBy(e => CatalogKeys.ForPhoto(e.PhotoId).Id))
        {
            var key = group.Key;
            var current = Current(index, key);
            index.Apply(key, group.Aggregate(current, (bucket, entry) => bucket.With(entry)));
        }
    }

    private static CatalogBucket Current(PhotoIndex index, string key) => index.Bucket(key) ?? CatalogBucket.Empty;

    private static List<string> Ids((IReadOnlyList<PhotoEntry> Page, bool More) page) => [.. page.Page.Select(p => p.PhotoId)];
}

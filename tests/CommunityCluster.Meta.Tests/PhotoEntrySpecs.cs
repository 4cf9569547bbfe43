using CommunityCluster.Meta.Catalog;
using CommunityCluster.Meta.Replication;

namespace CommunityCluster.Meta.Tests;

/// <summary>The documented winners of <see cref="PhotoEntry"/>, and the CRDT laws over random histories.</summary>
public sealed class PhotoEntrySpecs
{
    [Fact]
    public void Title_should_go_to_the_later_edit_and_ties_to_the_writer_that_sorts_last()
    {
        var start = Records.Entry("p");
        var fromA = start with { Title = start.Title.Set("from A", "w-a", 5_000) };
        var fromB = start with { Title = start.Title.Set("from B", "w-b", 6_000) };
        var tieA = start with { Title = start.Title.Set("tie A", "w-a", 7_000) };
        var tieB = start with { Title = start.Title.Set("tie B", "w-b", 7_000) };

        Assert.Equal("from B", fromA.Merge(fromB).Title.Value);
        Assert.Equal("from B", fromB.Merge(fromA).Title.Value);
        Assert.Equal("tie B", tieA.Merge(tieB).Title.Value);
    }

    [Fact]
    public void Delete_should_win_over_a_concurrent_edit_whatever_the_clocks()
    {
        var start = Records.Entry("p");
        var deleted = start.Delete(nowTicks: 2_000);
        var editedLater = start with
        {
            Title = start.Title.Set("edited after the delete by the clock", "w-b", 9_000_000),
            Albums = start.Albums.Add("album-1", "w-b", 9_000_000),
        };

        var merged = editedLater.Merge(deleted);

        Assert.False(merged.IsLive);
        Assert.Null(merged.Facts);
        Assert.Equal(merged, deleted.Merge(editedLater));
    }

    [Fact]
    public void Upload_after_seeing_the_delete_should_bring_the_photo_back_as_a_new_record()
    {
        var start = Records.Entry("p") with { Albums = DotSet.Empty.Add("old-album", "w-a", 1_500) };
        var deleted = start.Delete(nowTicks: 2_000);
        var back = PhotoEntry.Uploaded(start.PhotoId, deleted.DeletedAt, Records.Facts("p"), Preview.Stored, null, null, "w-a", 3_000);
        var staleEdit = start with { Title = start.Title.Set("stale", "w-b", 4_000) };

        var merged = back.Merge(deleted).Merge(staleEdit);

        Assert.True(merged.IsLive);
        Assert.Null(merged.Title.Value);
        Assert.Empty(merged.Albums.Elements);
    }

    [Fact]
    public void Concurrent_uploads_of_the_same_bytes_should_keep_the_earliest_facts_and_both_sides_edits()
    {
        var id = Records.Id("same bytes");
        var early = PhotoEntry.Uploaded(id, 0, Records.Facts("same bytes", uploader: "bob", uploadedAt: Records.Upload), Preview.Stored,
            null, null, "w-a", 1_000);
        var late = PhotoEntry.Uploaded(id, 0, Records.Facts("same bytes", uploader: "carol", uploadedAt: Records.Upload.AddHours(1)),
            Preview.Stored, null, null, "w-b", 2_000);
        early = early with { Albums = early.Albums.Add("a1", "w-a", 3_000) };
        late = late with { Tags = late.Tags.Add("sunset", "w-b", 3_000) };

        var merged = late.Merge(early);

        Assert.Equal("bob", merged.Facts!.Uploader);
        Assert.Equal(["a1"], merged.Albums.Elements);
        Assert.Equal(["sunset"], merged.Tags.Elements);
    }

    [Fact]
    public void Album_add_should_win_over_a_concurrent_remove_and_a_seen_remove_should_stay()
    {
        var start = DotSet.Empty.Add("z", "w-a", 1_000);
        var removedOnB = start.Remove("z");
        var readdedOnA = start.Add("z", "w-a", 2_000);

        Assert.Equal(["z"], removedOnB.Merge(readdedOnA).Elements);
        Assert.Equal(["z"], readdedOnA.Merge(removedOnB).Elements);
        Assert.Empty(start.Merge(removedOnB).Elements);
        Assert.Empty(removedOnB.Merge(start).Elements);
    }

    [Fact]
    public void Merge_should_be_commutative_associative_and_idempotent_over_random_histories()
    {
        var random = new Random(42);
        for (var round = 0; round < 300; round++)
        {
            var replicas = RandomHistories(random);
            var (a, b, c) = (replicas[0], replicas[1], replicas[2]);

            Assert.Equal(a.Merge(b), b.Merge(a));
            Assert.Equal(a.Merge(b).Merge(c), a.Merge(b.Merge(c)));
            Assert.Equal(a.Merge(b), a.Merge(b).Merge(b));
            Assert.Equal(CatalogCodec.EncodeBucket(new CatalogBucket([a.Merge(b).Merge(c)])),
                CatalogCodec.EncodeBucket(new CatalogBucket([c.Merge(a).Merge(b)])));
        }
    }

    /// <summary>Three replicas of one photo, each with random edits, deletes and re-uploads, syncing now and
    /// then.</summary>
    private static PhotoEntry[] RandomHistories(Random random)
    {
        var writers = new[] { "w-a", "w-b", "w-c" };
        var replicas = Enumerable.Repeat(Records.Entry("p", "w-a", 1), 3).ToArray();
        long clock = 10;
        for (var step = 0; step < 12; step++)
        {
            var i = random.Next(3);
            var e = replicas[i];
            var w = writers[i];
            clock += random.Next(1, 5);
            replicas[i] = random.Next(8) switch
            {
                0 when e.IsLive => e.Delete(clock),
                1 when !e.IsLive => PhotoEntry.Uploaded(e.PhotoId, e.DeletedAt, Records.Facts("p", uploader: w), Preview.Stored, null, null, w, clock),
                2 when e.IsLive => e with { Title = e.Title.Set("t" + clock, w, clock) },
                3 when e.IsLive => e with { Albums = e.Albums.Add("a" + random.Next(3), w, clock) },
                4 when e.IsLive => e with { Albums = e.Albums.Remove("a" + random.Next(3)) },
                5 when e.IsLive => e with { Tags = e.Tags.Add("t" + random.Next(3), w, clock) },
                6 when e.IsLive => e with { Preview = e.Preview.Set(new Preview(PhotoState.Ready, Records.Id("s"), null), w, clock) },
                _ => e.Merge(replicas[random.Next(3)]),
            };
        }

        return replicas;
    }
}

using Akka.Cluster;
using Akka.Remote.Transport;
using CommunityCluster.Meta.Catalog;
using CommunityCluster.Meta.Service;
using CommunityCluster.Testing;

namespace CommunityCluster.Meta.Tests;

/// <summary>
/// Several members in this process forming a real cluster over loopback: a partition shorter than
/// the split-brain resolver's decision, with writes on both sides, and a community switched off
/// entirely and on again.
/// </summary>
public sealed class CatalogClusterSpecs : IAsyncLifetime
{
    private static readonly TimeSpan UpWithin = TimeSpan.FromSeconds(40);
    private readonly TestFolder _folder = new(nameof(CatalogClusterSpecs));
    private readonly List<MetaMember> _members = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var member in _members)
            await member.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Partition_should_let_both_sides_write_and_merge_with_the_documented_winners()
    {
        await StartAsync(4, throttled: true);
        var (a, b) = (_members[..2], _members[2..]);
        var shared = Records.Upload_("shared");
        var doomed = Records.Upload_("doomed");
        await a[0].AskAsync(new RecordUploads([shared, doomed]));
        var x = (AlbumFound)await a[0].AskAsync(new CreateAlbum("X", "alice"));
        var z = (AlbumFound)await a[0].AskAsync(new CreateAlbum("Z", "alice"));
        await a[0].AskAsync(new EditPhoto(shared.PhotoId, new PhotoEdit(AddAlbums: [z.Album.Id])));
        await EveryMemberAsync("the catalog before the cut", async m => (await m.ListIdsAsync()).Count == 2
            && (await m.AskAsync(new GetPhoto(shared.PhotoId)) as PhotoFound)?.Photo.Albums.Count == 1);

        foreach (var member in a)
            await member.CutFromAsync(b, Blackhole.Instance);
        foreach (var member in b)
            await member.CutFromAsync(a, Blackhole.Instance);
        var cutAt = DateTime.UtcNow;
        var replies = await Task.WhenAll(
            a[0].AskAsync(new RecordUploads([Records.Upload_("from a 1"), Records.Upload_("from a 2")])),
            a[1].AskAsync(new EditPhoto(shared.PhotoId, new PhotoEdit(Title: "from A", AddAlbums: [x.Album.Id, z.Album.Id]))),
            a[0].AskAsync(new RemovePhoto(doomed.PhotoId)),
            b[0].AskAsync(new RecordUpload(Records.Upload_("from b"))),
            b[1].AskAsync(new EditPhoto(shared.PhotoId, new PhotoEdit(RemoveAlbums: [z.Album.Id], AddTags: ["sunset"]))),
            b[0].AskAsync(new EditPhoto(doomed.PhotoId, new PhotoEdit(Title: "edited while deleted elsewhere", AddAlbums: [x.Album.Id]))));
        var lastEdit = await b[0].AskAsync(new EditPhoto(shared.PhotoId, new PhotoEdit(Title: "from B")));
        Assert.All(replies.Append(lastEdit), r => Assert.IsNotType<CatalogNotFound>(r));
        var sidesSawEachOther = await a[0].ListIdsAsync() is var seenByA && seenByA.Contains(Records.Id("from b"));
        foreach (var member in _members)
            await member.CutFromAsync(_members.Where(m => m != member), Unthrottled.Instance);
        var cutFor = DateTime.UtcNow - cutAt;

        string[] expected = [.. new[] { "shared", "from a 1", "from a 2", "from b" }.Select(Records.Id).Order(StringComparer.Ordinal)];
        await EveryMemberAsync("the merged catalog on every member", async m =>
        {
            var photo = (await m.AskAsync(new GetPhoto(shared.PhotoId)) as PhotoFound)?.Photo;
            return (await m.ListIdsAsync()).SequenceEqual(expected) && photo is { Title: "from B", Tags: ["sunset"] }
                && photo.Albums.Select(r => r.Id).Order().SequenceEqual(new[] { x.Album.Id, z.Album.Id }.Order())
                && await m.AskAsync(new GetPhoto(doomed.PhotoId)) is CatalogNotFound;
        });

        Assert.False(sidesSawEachOther, "side A must not have seen side B's upload while cut off");
        Assert.True(cutFor < TimeSpan.FromSeconds(15), $"the cut lasted {cutFor.TotalSeconds:0.0} s, too close to the resolver's decision");
        Assert.All(_members, m => Assert.Equal(4, Cluster.Get(m.System).State.Members.Count(x => x.Status == MemberStatus.Up)));
    }

    [Fact]
    public async Task Long_partition_should_down_the_minority_whose_writes_merge_once_it_restarts_on_its_data()
    {
        var ports = await StartAsync(3, throttled: true);
        var (majority, minority) = (_members[..2], _members[2]);
        var shared = Records.Upload_("shared");
        await majority[0].AskAsync(new RecordUpload(shared));
        await EveryMemberAsync("the photo before the cut", async m => (await m.ListIdsAsync()).Count == 1);

        foreach (var member in majority)
            await member.CutFromAsync([minority], Blackhole.Instance);
        await minority.CutFromAsync(majority, Blackhole.Instance);
        var writes = await Task.WhenAll(
            minority.AskAsync(new RecordUpload(Records.Upload_("from the minority"))),
            minority.AskAsync(new EditPhoto(shared.PhotoId, new PhotoEdit(Title: "from the minority"))),
            majority[0].AskAsync(new RecordUpload(Records.Upload_("from the majority"))),
            majority[1].AskAsync(new EditPhoto(shared.PhotoId, new PhotoEdit(AddTags: ["majority"]))));
        await Eventually.Until(() => minority.System.WhenTerminated.IsCompleted, TimeSpan.FromSeconds(60),
            "the split-brain resolver to down the minority");

        foreach (var member in majority)
            await member.CutFromAsync([minority], Unthrottled.Instance);
        await minority.DisposeAsync();
        _members.Remove(minority);
        var restarted = await MetaMember.StartAsync(_folder.Combine("member-2"), MetaMember.Seed(ports[0], throttled: true), ports[2],
            throttled: true);
        _members.Add(restarted);

        string[] expected = [.. new[] { "shared", "from the minority", "from the majority" }.Select(Records.Id).Order(StringComparer.Ordinal)];
        await EveryMemberAsync("the merged catalog after the minority rejoined", async m =>
            (await m.ListIdsAsync()).SequenceEqual(expected)
            && (await m.AskAsync(new GetPhoto(shared.PhotoId)) as PhotoFound)?.Photo is { Title: "from the minority", Tags: ["majority"] });
        Assert.All(writes, r => Assert.IsNotType<CatalogNotFound>(r));
        Assert.All(majority, m => Assert.False(m.System.WhenTerminated.IsCompleted));
    }

    [Fact]
    public async Task Catalog_should_be_whole_after_every_member_was_stopped_and_started_again()
    {
        var ports = await StartAsync(3, throttled: false);
        var uploads = Enumerable.Range(0, 40).Select(i => Records.Upload_($"kept {i}", new DateTime(2024, 1, 1).AddHours(i))).ToList();
        await _members[1].AskAsync(new RecordUploads(uploads));
        var album = (AlbumFound)await _members[2].AskAsync(new CreateAlbum("Night", "bob"));
        var edited = await _members[0].AskAsync(new EditPhoto(uploads[3].PhotoId, new PhotoEdit(Title: "kept title", AddAlbums: [album.Album.Id])));
        var removed = await _members[2].AskAsync(new RemovePhoto(uploads[4].PhotoId));
        Assert.IsType<PhotoFound>(edited);
        Assert.Equal(new PhotoRemoved(uploads[4].PhotoId, true), removed);

        foreach (var member in _members)
            await member.DisposeAsync();
        _members.Clear();
        await StartAsync(3, throttled: false, ports);

        await EveryMemberAsync("the whole catalog after the restart", async m =>
        {
            var stats = await m.Catalog.AskAsync<CatalogStats>(new GetCatalogStats());
            var photo = (await m.AskAsync(new GetPhoto(uploads[3].PhotoId)) as PhotoFound)?.Photo;
            return stats is { Photos: 39, Tombstones: 1, Albums: 1 } && photo is { Title: "kept title", Albums: [{ Name: "Night" }] };
        });
    }

    private async Task<int[]> StartAsync(int count, bool throttled, int[]? ports = null)
    {
        ports ??= [.. Enumerable.Range(0, count).Select(_ => FreePorts.Next())];
        var seed = MetaMember.Seed(ports[0], throttled);
        for (var i = 0; i < count; i++)
        {
            var member = await MetaMember.StartAsync(_folder.Combine($"member-{i}"), seed, ports[i], throttled);
            _members.Add(member);
            await member.Member.WaitUntilUpAsync(UpWithin);
        }

        await EveryMemberAsync("every member to see the others Up", m =>
            Task.FromResult(Cluster.Get(m.System).State.Members.Count(x => x.Status == MemberStatus.Up) == count));
        return ports;
    }

    private Task EveryMemberAsync(string what, Func<MetaMember, Task<bool>> condition) =>
        Eventually.Until(async () =>
        {
            foreach (var member in _members)
            {
                if (!await condition(member))
                    return await DescribeAsync(member);
            }

            return "";
        }, seen => seen.Length == 0, TimeSpan.FromSeconds(60), what);

    private static async Task<string> DescribeAsync(MetaMember member)
    {
        var stats = await member.Catalog.AskAsync<CatalogStats>(new GetCatalogStats());
        var page = await member.Catalog.AskAsync<PhotoPage>(new ListPhotos(new PhotoQuery(100)));
        return $"{member.Address}: {stats}; titles [{string.Join(", ", page.Items.Where(i => i.Title is not null).Select(i => i.Title))}]";
    }
}

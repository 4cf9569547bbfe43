using CommunityCluster.Testing;
using Xunit.Abstractions;

namespace CommunityCluster.Node.Tests.ThumbHub;

/// <summary>
/// Every file of <c>../shared/testdata/bad</c> uploaded through the API, one test each: a clear
/// 4xx or a clear thumbnail state, the node up with bounded memory, and the control photo intact.
/// </summary>
[Collection(nameof(ThumbnailNodeCollection))]
public sealed class ThumbnailBadInputSpecs(ThumbnailNodeFixture fixture, ITestOutputHelper output)
{
    private const long NodeMemoryBoundMb = 1024;

    private NodeProcess Node => fixture.Node;

    public static TheoryData<string> BadFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in SharedData.IsPresent ? SharedData.FilesIn(SharedData.BadFolder) : [])
            data.Add(Path.GetFileName(file));
        if (data.Count == 0)
            data.Add("(corpus absent)");
        return data;
    }

    [SharedDataTheory]
    [MemberData(nameof(BadFiles))]
    public async Task Bad_file_should_end_in_a_clear_state_or_4xx_and_leave_the_node_and_other_photos_intact(string name)
    {
        var photo = TestPhoto.Of(SharedData.Bad(name));

        var (status, body) = await Node.UploadAsync(photo);

        output.WriteLine($"{name}: upload answered {status}: {body}");
        if (status == 200)
        {
            var settled = await Thumbnails.WaitSettledAsync(Node, [photo.Id], TimeSpan.FromSeconds(60));
            var thumbnails = settled[photo.Id];
            output.WriteLine($"thumbnails: {thumbnails}");
            if (Thumbnails.State(thumbnails) == "no-preview")
                Assert.False(string.IsNullOrEmpty(thumbnails.GetProperty("reason").GetString()),
                    "a no-preview state names its reason");
        }
        else
        {
            Assert.InRange(status, 400, 499);
        }

        Assert.True(await Node.IsReadyAsync(), "the node is still ready");
        var resident = Thumbnails.ResidentMb(Node);
        output.WriteLine($"node resident memory {resident} MB");
        Assert.True(resident < NodeMemoryBoundMb, $"the node holds {resident} MB");
        Assert.Equal(fixture.ControlSmall, await Thumbnails.DownloadAsync(Node, fixture.Control!.Id, "small"));
        Assert.Equal((200, fixture.Control.Id), await Node.DownloadHashAsync(fixture.Control.Id));
    }
}

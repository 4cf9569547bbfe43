using CommunityCluster.Testing;

namespace CommunityCluster.Node.Tests.ThumbHub;

/// <summary>
/// One node with every role, and (with the shared corpus) a control photo whose thumbnails must
/// stay intact whatever else is uploaded. Its tests need the corpus and skip without it.
/// </summary>
public sealed class ThumbnailNodeFixture : IAsyncLifetime
{
    public TestFolder Folder { get; } = new(nameof(ThumbnailNodeFixture));

    public NodeProcess Node { get; private set; } = null!;

    public TestPhoto? Control { get; private set; }

    public byte[]? ControlSmall { get; private set; }

    public async Task InitializeAsync()
    {
        if (!SharedData.IsPresent)
            return;

        Node = new NodeProcess("node", Folder.Combine("node"), "home", []);
        Node.Start();
        await Node.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        Control = TestPhoto.Of(SharedData.Photo("recurser_Landscape_6.jpg"));
        await Node.UploadAllAsync([Control]);
        await Thumbnails.WaitSettledAsync(Node, [Control.Id], TimeSpan.FromSeconds(60));
        ControlSmall = await Thumbnails.DownloadAsync(Node, Control.Id, "small");
    }

    public async Task DisposeAsync()
    {
        if (Node is not null)
            await Node.DisposeAsync();
        Folder.Dispose();
    }
}

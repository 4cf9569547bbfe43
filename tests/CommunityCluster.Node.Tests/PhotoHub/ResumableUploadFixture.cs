using CommunityCluster.Testing;

namespace CommunityCluster.Node.Tests.PhotoHub;

/// <summary>One node for the resumable upload specs: a small upload limit and a short upload expiry.</summary>
public sealed class ResumableUploadFixture : IAsyncLifetime
{
    public const long MaxUploadBytes = 3_000_000;

    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(8);

    public TestFolder Folder { get; } = new(nameof(ResumableUploadFixture));

    public NodeProcess Node { get; private set; } = null!;

    public string PartialFolder => Path.Combine(Node.DataDirectory, "tmp", "resumable");

    public async Task InitializeAsync()
    {
        Node = new NodeProcess("node", Folder.Combine("node"), "home", []);
        Node.Environment["MAX_UPLOAD_SIZE"] =
            MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Node.Environment["UPLOAD_EXPIRY"] = $"{Expiry.TotalSeconds}s";
        Node.Start();
        await Node.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Folder.Dispose();
    }
}

using CommunityCluster.Testing;

namespace CommunityCluster.Node.Tests.PhotoHub;

/// <summary>One node shared by a test class: small upload limit, short delete grace, fast to reach.</summary>
public sealed class SingleNodeFixture : IAsyncLifetime
{
    public const long MaxUploadBytes = 3_000_000;

    public TestFolder Folder { get; } = new(nameof(SingleNodeFixture));

    public NodeProcess Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = new NodeProcess("node", Folder.Combine("node"), "home", []);
        Node.Environment["MAX_UPLOAD_SIZE"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Node.Environment["DELETE_GRACE"] = "2s";
        Node.Start();
        await Node.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Folder.Dispose();
    }

    public string UploadTempFolder => Path.Combine(Node.DataDirectory, "tmp", "uploads");

    public bool NoUploadLeftovers => !Directory.Exists(UploadTempFolder) || Directory.GetFiles(UploadTempFolder).Length == 0;
}

using System.Text.Json;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests.Support;

/// <summary>
/// A community of its own for one import spec: a lighthouse and two photos nodes (each keeps a
/// copy), on fresh ports and folders; imports go to node-1 and are read back from node-2.
/// </summary>
public sealed class ImportCommunity : IAsyncDisposable
{
    private static readonly TimeSpan FormWithin = TimeSpan.FromSeconds(60);

    private ImportCommunity(TestFolder folder, LocalCommunity community)
    {
        Folder = folder;
        Community = community;
    }

    public TestFolder Folder { get; }

    public LocalCommunity Community { get; }

    public NodeProcess Sender => Community.Nodes[0];

    public NodeProcess Reader => Community.Nodes[1];

    public string SenderAddress => $"127.0.0.1:{Sender.HttpPort}";

    public static async Task<ImportCommunity> StartAsync(string name)
    {
        var folder = new TestFolder(name);
        var community = await LocalCommunity.StartAsync(folder, nodeCount: 2, FormWithin);
        await Eventually.Until(async () => (await community.Nodes[0].StorageStatusAsync()).GetProperty("nodes")
            .EnumerateArray().Count(n => n.GetProperty("isLive").GetBoolean()) == 2, FormWithin,
            "node-1 to see both photos nodes live");
        return new ImportCommunity(folder, community);
    }

    /// <summary>Photo bytes the sender's resumable upload routes received since it started.</summary>
    public async Task<long> BytesReceivedAsync() =>
        (await Sender.GetJsonAsync("/api/uploads")).GetProperty("bytesReceived").GetInt64();

    public static async Task<int> StoredPhotosAsync(NodeProcess node) =>
        (await node.StorageStatusAsync()).GetProperty("photos").GetInt32();

    public static ImportedReport ReadReport(string path)
    {
        var json = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        var files = json.GetProperty("files").EnumerateArray().ToDictionary(
            f => f.GetProperty("path").GetString()!,
            f => new ImportedFile(f.GetProperty("outcome").GetString()!, f.GetProperty("reason").GetString(),
                f.GetProperty("id").GetString(), f.GetProperty("bytesSent").GetInt64(),
                f.GetProperty("resumedAt").GetInt64()));
        return new ImportedReport(json.GetProperty("bytesSent").GetInt64(), files);
    }

    public async ValueTask DisposeAsync()
    {
        await Community.DisposeAsync();
        Folder.Dispose();
    }
}

public sealed record ImportedFile(string Outcome, string? Reason, string? Id, long BytesSent, long ResumedAt);

public sealed record ImportedReport(long BytesSent, IReadOnlyDictionary<string, ImportedFile> Files)
{
    public IReadOnlyList<string> With(string outcome) =>
        Files.Where(f => f.Value.Outcome == outcome).Select(f => f.Key).Order(StringComparer.Ordinal).ToList();
}

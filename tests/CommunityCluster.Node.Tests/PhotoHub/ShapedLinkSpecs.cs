using System.Diagnostics;
using CommunityCluster.Testing;
using Xunit.Abstractions;

namespace CommunityCluster.Node.Tests.PhotoHub;

/// <summary>
/// A home behind a 1 Mbit/s link (htb each way, in a network namespace) receives a 20 MB photo's
/// replica. The pieces' window keeps the link's queue short, so heartbeats keep arriving and
/// nobody is marked unreachable while the bytes trickle across (DESIGN.md fact 2).
/// </summary>
public sealed class ShapedLinkSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(45);
    private readonly TestFolder _folder = new(nameof(ShapedLinkSpecs));

    public void Dispose() => _folder.Dispose();

    [ShapedLinkFact]
    public async Task Replicating_20MB_over_1_Mbit_should_cause_no_unreachable_event()
    {
        using var link = ShapedLink.Create("1mbit");
        await using var lighthouse = new LighthouseProcess(_folder.Combine("lighthouse"), link.OutsideAddress);
        await using var near = new NodeProcess("near", _folder.Combine("near"), "home-near", [lighthouse.Address], host: link.OutsideAddress);
        await using var far = new NodeProcess("far", _folder.Combine("far"), "home-far", [lighthouse.Address], host: link.InsideAddress);
        far.Launcher.AddRange(link.Prefix);
        near.Environment["WRITE_QUORUM"] = "1";
        lighthouse.Start();
        await Eventually.Until(() => lighthouse.IsUp, ReadyWithin, "the lighthouse to form the cluster");
        near.Start();
        far.Start();
        await near.WaitUntilReadyAsync(ReadyWithin);
        await far.WaitUntilReadyAsync(ReadyWithin);
        await Eventually.Until(async () => (await near.StorageStatusAsync()).GetProperty("nodes").GetArrayLength() == 2,
            ReadyWithin, "both photos nodes to be known");
        var photo = TestPhotos.RandomFile(_folder.Combine("input"), "twenty.jpg", 20_000_000, seed: 20);
        var crossedBefore = link.BytesSentInside();
        var clock = Stopwatch.StartNew();

        // This spec is about heartbeats while bytes trickle across, not about how soon the upload is
        // acknowledged. Since ThumbHub that acknowledgement has, on a loaded CI machine, come after
        // more than the harness's 180 s (cause not yet found; see the README's "What is not there
        // yet"), so the upload gets the whole replication budget and its time is printed.
        using var patient = new HttpClient
        {
            BaseAddress = new Uri($"http://{link.OutsideAddress}:{near.HttpPort}"),
            Timeout = TimeSpan.FromMinutes(6),
        };
        patient.DefaultRequestHeaders.Authorization = new("Bearer", await near.ApiTokenAsync());
        using var form = new MultipartFormDataContent();
        form.Add(new StreamContent(File.OpenRead(photo.Path)), "file", photo.Name);
        using var upload = await patient.PostAsync(new Uri("/api/photos", UriKind.Relative), form);
        var status = (int)upload.StatusCode;
        output.WriteLine($"upload acknowledged after {clock.Elapsed.TotalSeconds:0} s");
        await Eventually.Until(async () => (await near.GetJsonAsync($"/api/photos/{photo.Id}")).GetProperty("replicas").GetArrayLength() == 2,
            TimeSpan.FromMinutes(6), "the far home to hold the whole photo");

        var crossed = link.BytesSentInside() - crossedBefore;
        output.WriteLine($"20 MB replicated over the 1 Mbit/s link in {clock.Elapsed.TotalSeconds:0} s; {crossed:N0} bytes crossed");
        Assert.Equal(200, status);
        Assert.True(crossed >= 20_000_000, $"only {crossed} bytes crossed the shaped link");
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(140), $"20 MB at 1 Mbit/s cannot take {clock.Elapsed}: the link is not shaped");
        foreach (var process in new ClusterProcess[] { lighthouse, near, far })
            Assert.DoesNotContain(" is unreachable", process.LogText(), StringComparison.Ordinal);
        Assert.Equal((200, photo.Id), await far.DownloadHashAsync(photo.Id));
    }
}

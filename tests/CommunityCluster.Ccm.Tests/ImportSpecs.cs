using CommunityCluster.Ccm.Import;
using CommunityCluster.Ccm.Tests.Support;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests;

/// <summary>
/// <c>ccm photos import</c> against a real community on loopback: each spec starts a lighthouse
/// and two photos nodes of its own, imports into node-1 and reads back from node-2. The node's
/// counter of bytes received by resumable uploads (<c>GET /api/uploads</c>) proves what was sent.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // chmod, setpriv: the product's homes run Linux
public sealed class ImportSpecs
{
    private static readonly TimeSpan ImportWithin = TimeSpan.FromMinutes(3);

    private static async Task<CcmRun> ImportAsync(ImportCommunity community, string folder, string report,
        params string[] more) =>
        await CcmRunner.RunAsync(["photos", "import", folder, "--node", community.SenderAddress, "--report", report, .. more],
            new Dictionary<string, string> { [ImportOptions.ApiTokenVariable] = await community.Sender.ApiTokenAsync() });

    [SharedDataFact]
    public async Task Import_should_send_every_photo_of_the_corpus_once_even_when_run_twice()
    {
        await using var community = await ImportCommunity.StartAsync(
            nameof(Import_should_send_every_photo_of_the_corpus_once_even_when_run_twice));
        var photos = SharedData.FilesIn(SharedData.PhotosFolder).Select(TestPhoto.Of).ToList();
        var distinct = photos.DistinctBy(p => p.Id).ToList();

        var first = await ImportAsync(community, SharedData.PhotosFolder, community.Folder.Combine("first.json"),
            "--album", "Corpus");
        var receivedAfterFirst = await community.BytesReceivedAsync();
        var second = await ImportAsync(community, SharedData.PhotosFolder, community.Folder.Combine("second.json"));
        var firstReport = ImportCommunity.ReadReport(community.Folder.Combine("first.json"));
        var secondReport = ImportCommunity.ReadReport(community.Folder.Combine("second.json"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(distinct.Sum(p => p.Size), receivedAfterFirst);
        Assert.Equal(distinct.Count, firstReport.With("imported").Count);
        Assert.Equal(["MANIFEST.md"], firstReport.With("skipped"));
        Assert.StartsWith("not a photo", firstReport.Files["MANIFEST.md"].Reason, StringComparison.Ordinal);
        Assert.Single(firstReport.With("present")); // the corpus's byte-identical pair
        Assert.Equal(0, secondReport.BytesSent);
        Assert.Equal(photos.Count, secondReport.With("present").Count);
        Assert.Equal(receivedAfterFirst, await community.BytesReceivedAsync());
        Assert.Contains("imported 0, already present 38, skipped 1, failed 0", second.Output, StringComparison.Ordinal);
        await Eventually.Until(() => ImportCommunity.StoredPhotosAsync(community.Reader),
            n => n == distinct.Count, TimeSpan.FromSeconds(30), "node-2 to list every photo once");
        await community.Reader.AssertAllReadableAsync(distinct);
        var album = (await community.Sender.GetJsonAsync("/api/albums")).GetProperty("albums")[0];
        Assert.Equal(("Corpus", distinct.Count),
            (album.GetProperty("name").GetString(), album.GetProperty("photos").GetInt32()));
    }

    [Fact]
    public async Task Import_should_resume_inside_a_large_file_after_being_killed()
    {
        await using var community = await ImportCommunity.StartAsync(
            nameof(Import_should_resume_inside_a_large_file_after_being_killed));
        var folder = community.Folder.Combine("library");
        var large = WithJpegHeader(
            TestPhotos.RandomFile(Path.Combine(folder, "000"), "large.jpg", 40_000_000, seed: 31));
        var photos = Photos(TestPhotos.Generate(Path.Combine(folder, "phone"), seed: 32)).Append(large).ToList();
        var distinct = photos.DistinctBy(p => p.Id).ToList();
        var killedReport = community.Folder.Combine("killed.json");

        using (var ccm = CcmProcess.Start(["photos", "import", folder, "--node", community.SenderAddress,
            "--parallel", "1",
            "--max-rate", "8MB/s", "--report", killedReport], community.Folder.Path,
            apiToken: await community.Sender.ApiTokenAsync()))
        {
            await Eventually.Until(community.BytesReceivedAsync, bytes => bytes >= 8_000_000, ImportWithin,
                "the large file to be partly sent", bytes => $"{bytes} bytes; ccm said:\n{ccm.Output}");
            ccm.Kill();
        }

        var held = (await community.Sender.GetJsonAsync("/api/uploads")).GetProperty("bytesHeld").GetInt64();
        var rerun = await ImportAsync(community, folder, community.Folder.Combine("rerun.json"));
        var report = ImportCommunity.ReadReport(community.Folder.Combine("rerun.json"));

        Assert.False(File.Exists(killedReport)); // killed, not finished
        Assert.InRange(held, 8_000_000, large.Size - 1);
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        var resumed = report.Files[Path.Combine("000", "large.jpg")];
        Assert.Equal(("imported", held), (resumed.Outcome, resumed.ResumedAt));
        Assert.Equal(large.Size - held, resumed.BytesSent);
        Assert.Equal(distinct.Sum(p => p.Size), await community.BytesReceivedAsync()); // nothing sent twice
        await Eventually.Until(() => ImportCommunity.StoredPhotosAsync(community.Reader),
            n => n == distinct.Count, TimeSpan.FromSeconds(30), "node-2 to list every photo once");
        await community.Reader.AssertAllReadableAsync(distinct);
    }

    [Fact]
    public async Task Import_should_report_a_file_made_unreadable_mid_run_and_import_the_rest()
    {
        await using var community = await ImportCommunity.StartAsync(
            nameof(Import_should_report_a_file_made_unreadable_mid_run_and_import_the_rest));
        var folder = community.Folder.Combine("library");
        var slow = WithJpegHeader(TestPhotos.RandomFile(folder, "000-slow.jpg", 6_000_000, seed: 41));
        var rest = Photos(TestPhotos.Generate(Path.Combine(folder, "phone"), seed: 42));
        var victim = WithJpegHeader(TestPhotos.RandomFile(folder, "zzz-victim.jpg", 300_000, seed: 43));
        var output = community.Folder.Combine("out");
        Directory.CreateDirectory(output);
        File.SetUnixFileMode(output, (UnixFileMode)0b111_111_111); // the unprivileged ccm writes its report here

        using var ccm = CcmProcess.Start(["photos", "import", folder, "--node", community.SenderAddress,
            "--parallel", "1",
            "--max-rate", "2MB/s", "--report", Path.Combine(output, "report.json")], output, CcmProcess.AsUnprivileged,
            await community.Sender.ApiTokenAsync());
        await Eventually.Until(community.BytesReceivedAsync, bytes => bytes >= 1_000_000, ImportWithin,
            "the first file to be partly sent", bytes => $"{bytes} bytes; ccm said:\n{ccm.Output}");
        File.SetUnixFileMode(victim.Path, UnixFileMode.None);
        var exit = await ccm.WaitForExitAsync(ImportWithin);
        var report = ImportCommunity.ReadReport(Path.Combine(output, "report.json"));

        Assert.True(exit == 0, ccm.Output);
        Assert.Equal(["zzz-victim.jpg"], report.Files.Where(f => f.Value.Reason?.StartsWith("unreadable",
            StringComparison.Ordinal) == true).Select(f => f.Key));
        Assert.Equal("skipped", report.Files["zzz-victim.jpg"].Outcome);
        Assert.Equal(rest.Count + 1, report.With("imported").Count + report.With("present").Count);
        Assert.Contains("skipped: zzz-victim.jpg (unreadable", ccm.Output, StringComparison.Ordinal);
        Assert.Equal(404, (await community.Sender.DownloadHashAsync(victim.Id)).Status);
        await community.Reader.AssertAllReadableAsync(rest.Append(slow));
    }

    [Fact]
    public async Task Import_should_tell_photos_by_content_and_skip_the_rest_with_a_reason()
    {
        await using var community = await ImportCommunity.StartAsync(
            nameof(Import_should_tell_photos_by_content_and_skip_the_rest_with_a_reason));
        var folder = community.Folder.Combine("library");
        Directory.CreateDirectory(Path.Combine(folder, "notes"));
        await File.WriteAllTextAsync(Path.Combine(folder, "notes", "todo.txt"), "buy film");
        await File.WriteAllTextAsync(Path.Combine(folder, "fake.jpg"), "this is text named like a photo");
        await File.WriteAllBytesAsync(Path.Combine(folder, "empty.jpg"), []);
        await File.WriteAllTextAsync(Path.Combine(folder, ".hidden.jpg"), "a hidden file is not looked at");
        var renamed = WithJpegHeader(TestPhotos.RandomFile(folder, "photo-without-extension", 200_000, seed: 51));

        var run = await ImportAsync(community, folder, community.Folder.Combine("report.json"));
        var report = ImportCommunity.ReadReport(community.Folder.Combine("report.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["photo-without-extension"], report.With("imported"));
        Assert.Equal(["empty.jpg", "fake.jpg", Path.Combine("notes", "todo.txt")], report.With("skipped"));
        Assert.Equal("empty file", report.Files["empty.jpg"].Reason);
        Assert.StartsWith("not a photo", report.Files["fake.jpg"].Reason, StringComparison.Ordinal);
        Assert.Contains("skipped  fake.jpg", run.Output, StringComparison.Ordinal);
        Assert.Equal((200, renamed.Id), await community.Sender.DownloadHashAsync(renamed.Id));
    }

    /// <summary>The generated files that are photos by content: the 1-byte one is too short to be any image.</summary>
    private static List<TestPhoto> Photos(IEnumerable<TestPhoto> generated) =>
        generated.Where(p => p.Size >= 3).ToList();

    private static TestPhoto WithJpegHeader(TestPhoto photo)
    {
        using (var file = File.OpenWrite(photo.Path))
            file.Write([0xFF, 0xD8, 0xFF]);

        return TestPhoto.Of(photo.Path);
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using CommunityCluster.Testing;
using static System.FormattableString;

namespace CommunityCluster.Benchmarks.Import;

/// <summary>
/// One node on loopback; three folders of generated photos with the same sizes but different
/// bytes (so no run finds another's photos already stored): one uploaded with one curl process
/// per file (the baseline: what a script does with POST /api/photos), one imported by ccm with
/// one file at a time, one with ccm's default of two. Then the ccm folder again, all present.
/// Everything runs as processes in the same run, so the ratios hold where absolute figures drift.
/// </summary>
public static class ImportBenchmark
{
    private static string ApiToken { get; set; } = "";

    public static async Task<string> RunAsync(int fileCount)
    {
        using var folder = new TestFolder("import-benchmark");
        var sizes = Sizes(fileCount);
        var curlSet = Generate(folder.Combine("curl"), sizes, seed: 1);
        var serialSet = Generate(folder.Combine("ccm-1"), sizes, seed: 2);
        var parallelSet = Generate(folder.Combine("ccm-2"), sizes, seed: 3);

        await using var node = new NodeProcess("node", folder.Combine("node"), "home", []);
        node.Environment["STORAGE_QUOTA"] = "20GB";
        node.Start();
        await node.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var address = $"127.0.0.1:{node.HttpPort}";

        // curl and ccm both act as the harness's admin, with an API token (README, Security).
        ApiToken = await node.ApiTokenAsync();
        var curl = Curl(curlSet, address);
        var serial = Ccm(serialSet, address, folder.Combine("ccm-1.json"), "--parallel", "1");
        var parallel = Ccm(parallelSet, address, folder.Combine("ccm-2.json"), "--parallel", "2");
        var again = Ccm(parallelSet, address, folder.Combine("again.json"), "--parallel", "2");
        var received = (await node.GetJsonAsync("/api/uploads")).GetProperty("bytesReceived").GetInt64();

        return Report(fileCount, sizes.Sum(), curl, serial, parallel, again, received);
    }

    /// <summary>Phone-like sizes from 150 kB to 3 MB, the same list for every folder.</summary>
    private static List<long> Sizes(int count)
    {
        var random = new Random(11);
        return Enumerable.Range(0, count).Select(_ => 150_000L + random.NextInt64(2_850_000)).ToList();
    }

    private static string Generate(string folder, List<long> sizes, int seed)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        for (var i = 0; i < sizes.Count; i++)
        {
            var bytes = new byte[sizes[i]];
            random.NextBytes(bytes);
            ((byte[])[0xFF, 0xD8, 0xFF]).CopyTo(bytes, 0); // sniffed as a JPEG
            File.WriteAllBytes(Path.Combine(folder, $"IMG_{i:0000}.jpg"), bytes);
        }

        return folder;
    }

    private static TimeSpan Curl(string folder, string address)
    {
        var clock = Stopwatch.StartNew();
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            var status = Run("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-F", $"file=@{file}",
                "-H", $"Authorization: Bearer {ApiToken}", $"http://{address}/api/photos");
            if (status.Trim() != "200")
                throw new InvalidOperationException($"curl upload of {file} answered {status}");
        }

        return clock.Elapsed;
    }

    private static TimeSpan Ccm(string folder, string address, string report, params string[] options)
    {
        var clock = Stopwatch.StartNew();
        Run("dotnet", [Binaries.Ccm, "photos", "import", folder, "--node", address, "--report", report, .. options]);
        return clock.Elapsed;
    }

    private static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["CCM_API_TOKEN"] = ApiToken;
        args.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} exited {process.ExitCode}: {error}{output.Result}");

        return output.Result;
    }

    private static string Report(int files, long bytes, TimeSpan curl, TimeSpan serial, TimeSpan parallel,
        TimeSpan again, long received)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine("# Import throughput");
        text.AppendLine();
        var measured = Invariant($"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on ")
            + Invariant($"{Environment.ProcessorCount} cores, {files} generated photos per folder ")
            + Invariant($"({bytes / 1e6:0.0} MB, 150 kB to 3 MB each), one node on loopback.");
        text.AppendLine(measured);
        text.AppendLine("Command: `dotnet run -c Release --project benchmarks/CommunityCluster.Benchmarks.Import -- "
            + $"{files}` (after `dotnet build -c Release`).");
        text.AppendLine();
        text.AppendLine("| what | time | throughput | files/s | ratio to curl |");
        text.AppendLine("|---|---|---|---|---|");
        Row(text, "baseline: one `curl -F file=@...` process per file, `POST /api/photos`", curl, bytes, files, curl);
        Row(text, "`ccm photos import --parallel 1`", serial, bytes, files, curl);
        Row(text, "`ccm photos import` (default `--parallel 2`)", parallel, bytes, files, curl);
        Row(text, "the same folder again: every photo already present, nothing sent", again, bytes, files, curl);
        text.AppendLine();
        text.AppendLine(Invariant($"Bytes the node received through resumable uploads: {received:N0} ")
            + Invariant($"(the two ccm folders: {2 * bytes:N0}); the second run of a folder sends none."));
        text.AppendLine("A ratio is curl's time / the measured time: above 1 is faster than curl. ccm's times include");
        text.AppendLine("its start, hashing every file and asking the node which photos it holds; curl's include one");
        text.AppendLine("process start per file. The node, ccm and curl share the machine's cores and disk.");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string what, TimeSpan time, long bytes, int files, TimeSpan curl) =>
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {what} | {time.TotalSeconds:0.0} s | {bytes / 1e6 / time.TotalSeconds:0.0} MB/s | "
            + $"{files / time.TotalSeconds:0.0} | {curl.TotalSeconds / time.TotalSeconds:0.00} |");
}

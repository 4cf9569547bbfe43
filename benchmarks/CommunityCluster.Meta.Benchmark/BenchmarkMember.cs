using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Akka.Cluster;
using CommunityCluster.Meta.Catalog;
using CommunityCluster.Meta.Service;
using CommunityCluster.Metadata;
using CommunityCluster.Testing;

namespace CommunityCluster.Meta.Benchmark;

/// <summary>
/// One member of the benchmark's community: an in-process member with the production MetaHub
/// wiring, driven by one-line commands on stdin and answering with lines that start with '@'.
/// Everything else it prints is its log, which the orchestrator scans for oversized payloads.
/// </summary>
internal static class BenchmarkMember
{
    private static readonly string[] Cameras =
        ["Apple|iPhone 13", "Apple|iPhone 15 Pro", "samsung|SM-S911B", "Google|Pixel 7", "Canon|Canon EOS R6", "NIKON CORPORATION|NIKON Z 6",
         "SONY|ILCE-7M3", "FUJIFILM|X-T4", "OLYMPUS CORPORATION|E-M10MarkIII", "Xiaomi|2201117TG", "HUAWEI|ELE-L29", "OnePlus|IN2023"];

    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var seed = args[1];
        var data = args[2];
        var catchUp = args.Length < 4 || args[3] != "no-catch-up";
        var options = new MetaHubOptions(data) { CatchUpWhenEmpty = catchUp };
        var member = await InProcessMember.StartAsync(data, [seed], port, akka => akka.WithMetaHub(options));
        await member.WaitUntilUpAsync(TimeSpan.FromSeconds(60));
        var catalog = CatalogDirectory.For(member.System, options);
        Console.WriteLine($"@ready {Environment.ProcessId}");

        string? line;
        while ((line = Console.ReadLine()) is not null)
        {
            var words = line.Split(' ');
            switch (words[0])
            {
                case "heap":
                    Console.WriteLine($"@heap {Heap()}");
                    break;
                case "count":
                    var stats = await catalog.AskAsync<CatalogStats>(new GetCatalogStats());
                    Console.WriteLine($"@count {stats.Photos} {stats.PhotoKeys}");
                    break;
                case "write":
                    var watch = Stopwatch.StartNew();
                    var notReplicated = await WriteAsync(catalog, int.Parse(words[1], CultureInfo.InvariantCulture), words[2]);
                    Console.WriteLine($"@written {watch.ElapsedMilliseconds} {notReplicated}");
                    break;
                case "members":
                    Console.WriteLine($"@members {Cluster.Get(member.System).State.Members.Count(m => m.Status == MemberStatus.Up)}");
                    break;
                case "quit":
                    await member.DisposeAsync();
                    Console.WriteLine("@bye");
                    return 0;
            }
        }

        return 0;
    }

    /// <summary>GC heap after a full, compacting, blocking collection.</summary>
    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<int> WriteAsync(CatalogDirectory catalog, int count, string seed)
    {
        var notReplicated = 0;
        foreach (var batch in Enumerable.Range(0, count).Chunk(25_000))
        {
            var reply = await catalog.AskAsync<UploadsRecorded>(new RecordUploads([.. batch.Select(i => Synthetic(seed, i))]));
            notReplicated += reply.KeysNotReplicated;
        }

        return notReplicated;
    }

    /// <summary>A record like a phone or camera photo: EXIF date with offset, camera, lens on some, exposure,
    /// GPS on half, a title on a tenth.</summary>
    private static PhotoUpload Synthetic(string seed, int i)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{i}")));
        var random = new Random(i);
        var camera = Cameras[random.Next(Cameras.Length)].Split('|');
        var taken = new DateTime(2015, 1, 1).AddSeconds(random.NextInt64(10L * 365 * 24 * 3600));
        var facts = new PhotoFacts(
            $"IMG_{taken:yyyyMMdd_HHmmss}.jpg", "image/jpeg", random.Next(1_500_000, 9_000_000), 4032, 3024, taken,
            TimeSpan.FromHours(random.Next(-2, 3)), TakenAtSource.Exif, camera[0], camera[1],
            random.Next(3) == 0 ? $"{camera[1]} back camera 6.86mm f/1.78" : null,
            new Exposure(1.0 / random.Next(30, 4000), 1.8, random.Next(50, 3200), 6.86, 24),
            random.Next(2) == 0 ? new GeoPosition(43 + random.NextDouble() * 8, -4 + random.NextDouble() * 12, random.Next(0, 900)) : null,
            "member-" + random.Next(20), DateTime.UtcNow);
        return new PhotoUpload(id, facts, PhotoState.Stored, random.Next(10) == 0 ? $"Photo number {i} of the summer" : null, null);
    }
}

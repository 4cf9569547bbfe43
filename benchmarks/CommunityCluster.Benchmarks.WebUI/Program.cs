using CommunityCluster.Benchmarks.WebUI;

// The gallery under load (issue 5): the first page (index.html and GET /api/photos?limit=60) and a
// thumbnail, each measured with wrk on loopback against Kestrel serving a file of the same size in
// the same run. Arguments: [seconds per target, default 10] [connections, default 32] [threads, default 2].
// Writes benchmarks/results/webui.md. Needs wrk (apt-get install wrk) and a Release build of the node.
var seconds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10;
var connections = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 32;
var threads = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2;

var report = await new WebUiBenchmark(TimeSpan.FromSeconds(seconds), connections, threads).RunAsync();
var path = Path.Combine(CommunityCluster.Testing.Binaries.RepositoryRoot, "benchmarks", "results", "webui.md");
await File.WriteAllTextAsync(path, report);
Console.WriteLine(report);
Console.WriteLine($"written to {path}");
return 0;

using CommunityCluster.Benchmarks.PhotoHub;

// dotnet run -c Release --project benchmarks/CommunityCluster.Benchmarks.PhotoHub -- [files] [megabytes-each]
var files = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 16;
var megabytes = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 6;
var report = await PhotoHubBenchmark.RunAsync(files, megabytes);
Console.WriteLine(report);
var path = Path.Combine(CommunityCluster.Testing.Binaries.RepositoryRoot, "benchmarks", "results", "photohub.md");
await File.WriteAllTextAsync(path, report);
Console.WriteLine($"written to {path}");

using CommunityCluster.Benchmarks.Import;

// dotnet run -c Release --project benchmarks/CommunityCluster.Benchmarks.Import -- [files]
// Needs the solution built in Release (the node and ccm run from their bin folders) and curl.
var files = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 300;
var report = await ImportBenchmark.RunAsync(files);
Console.WriteLine(report);
var path = Path.Combine(CommunityCluster.Testing.Binaries.RepositoryRoot, "benchmarks", "results", "import.md");
await File.WriteAllTextAsync(path, report);
Console.WriteLine($"written to {path}");

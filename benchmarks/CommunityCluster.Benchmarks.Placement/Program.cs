using System.Globalization;
using System.Text;
using CommunityCluster.Core.Storage;
using CommunityCluster.Testing.Availability;

// Usage: [photos per community] [seeds per size] [output file]
var photos = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var seeds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var output = args.Length > 2 ? args[2] : Path.Combine("benchmarks", "results", "placement.md");
int[] sizes = [8, 10, 12, 14, 16, 18, 20];

var rows = new List<SimulationResult>();
foreach (var mode in new[] { PlacementMode.Random, PlacementMode.Coverage })
    foreach (var replicas in new[] { 2, 3 })
    {
        var runs = sizes.SelectMany(n => Enumerable.Range(1, seeds).Select(s => PlacementSimulation.Run(mode, n, replicas, photos, s * 100 + n)))
            .ToList();
        rows.Add(new SimulationResult(mode, replicas, runs.Average(r => r.ReadableShare), runs.Average(r => r.UnreadableHours),
            runs.Average(r => r.MaxLoadOverMean), runs.Average(r => r.AlwaysOnShare), runs.Average(r => r.AlwaysOnHomeShare)));
        Console.WriteLine($"{mode} RF {replicas}: {rows[^1].ReadableShare:P2}");
    }

string Cell(PlacementMode mode, int rf)
{
    var r = rows.Single(x => x.Mode == mode && x.Replicas == rf);
    return string.Create(CultureInfo.InvariantCulture, $"{r.ReadableShare * 100:0.00} % ({r.UnreadableHours:0.0} h unreadable)");
}

string Spread(PlacementMode mode, int rf)
{
    var r = rows.Single(x => x.Mode == mode && x.Replicas == rf);
    return string.Create(CultureInfo.InvariantCulture,
        $"| {mode.Name()} | {rf} | {r.MaxLoadOverMean:0.00} | {r.AlwaysOnShare * 100:0.0} % | {r.AlwaysOnHomeShare * 100:0.0} % |");
}

var text = new StringBuilder();
text.AppendLine("# Placement by the hours each home is on: simulation");
text.AppendLine();
text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Command: ")
    + string.Create(CultureInfo.InvariantCulture, $"`dotnet run -c Release --project benchmarks/CommunityCluster.Benchmarks.Placement -- {photos} {seeds}`"));
text.AppendLine();
text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Communities of {string.Join(", ", sizes)} homes, {seeds} seeds ")
    + string.Create(CultureInfo.InvariantCulture, $"each ({sizes.Length * seeds} communities), {photos} photos of 5 MB per community.") + " A quarter of the homes always on, a "
    + "fifth off on weekday working hours, the rest off at night, each home's hours shifting by an hour on some days, "
    + "and random outages (1 to 12 h, about 3 % of hours) on every home (`tests/CommunityCluster.Testing/Availability`). "
    + "Each home learns four weeks of its own hours (`WeekModel`); photos are uploaded at random hours of the fourth "
    + "week to the homes on at that moment; the fifth week, with fresh outages, is scored hour by hour.");
text.AppendLine();
text.AppendLine("| placement | RF 2 readable | RF 3 readable |");
text.AppendLine("|---|---|---|");
text.AppendLine($"| random | {Cell(PlacementMode.Random, 2)} | {Cell(PlacementMode.Random, 3)} |");
text.AppendLine($"| by learned on-hours (`coverage`) | {Cell(PlacementMode.Coverage, 2)} | {Cell(PlacementMode.Coverage, 3)} |");
text.AppendLine();
text.AppendLine("Spread of the load (replicas held, averaged over the communities):");
text.AppendLine();
text.AppendLine("| placement | RF | fullest home / mean | replicas on always-on homes | always-on share of homes |");
text.AppendLine("|---|---|---|---|---|");
foreach (var mode in new[] { PlacementMode.Random, PlacementMode.Coverage })
    foreach (var rf in new[] { 2, 3 })
        text.AppendLine(Spread(mode, rf));

File.WriteAllText(output, text.ToString());
Console.WriteLine(text);

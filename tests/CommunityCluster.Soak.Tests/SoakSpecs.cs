using System.Diagnostics;
using CommunityCluster.Testing;
using Xunit.Abstractions;

namespace CommunityCluster.Soak.Tests;

/// <summary>
/// The soak as a test: two minutes with the default seed in CI, as long and with whatever seed
/// CC_SOAK_MINUTES and CC_SOAK_SEED ask by hand. The journal and the report go to artifacts/.
/// </summary>
public sealed class SoakSpecs(ITestOutputHelper output)
{
    [Fact]
    public async Task Community_should_lose_nothing_under_faults()
    {
        var options = SoakOptions.FromEnvironment();
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var artifacts = Path.Combine(Binaries.RepositoryRoot, "artifacts", "soak");
        using var folder = new TestFolder($"soak-{options.Seed}");
        using var journal = new SoakJournal(Path.Combine(artifacts, $"soak-{options.Seed}-{stamp}.log"));
        var runner = new SoakRunner(options, folder, journal);
        var took = Stopwatch.StartNew();

        await runner.RunAsync();

        var report = SoakReport.Render(options, runner.Mode, runner.Figures, took.Elapsed);
        await File.WriteAllTextAsync(Path.Combine(artifacts, $"soak-{options.Seed}-{stamp}.md"), report);
        journal.Lines.ToList().ForEach(output.WriteLine);
        output.WriteLine(report);
        Assert.True(runner.Figures.Problems.IsEmpty, report + $"\nprocess logs kept in {folder.Path}");
        Assert.True(runner.Figures.UploadsAcknowledged > 0, "the soak acknowledged no upload at all");
    }
}

using CommunityCluster.Core.Storage;
using CommunityCluster.Testing.Availability;

namespace CommunityCluster.Photos.Tests;

/// <summary>
/// A small run of issue 10's simulation (the full table is made by
/// benchmarks/CommunityCluster.Benchmarks.Placement): two communities, same seeds for both modes.
/// </summary>
public class PlacementSimulationSpecs
{
    [Theory]
    [InlineData(10, 11)]
    [InlineData(16, 12)]
    public void Coverage_placement_should_keep_photos_readable_through_the_homes_off_hours(int homes, int seed)
    {
        var random2 = PlacementSimulation.Run(PlacementMode.Random, homes, 2, 300, seed);
        var random3 = PlacementSimulation.Run(PlacementMode.Random, homes, 3, 300, seed);
        var coverage2 = PlacementSimulation.Run(PlacementMode.Coverage, homes, 2, 300, seed);
        var coverage3 = PlacementSimulation.Run(PlacementMode.Coverage, homes, 3, 300, seed);

        Assert.True(coverage3.ReadableShare >= 0.98, $"coverage RF 3: {coverage3.ReadableShare:P2}");
        Assert.True(coverage3.ReadableShare > random3.ReadableShare, $"{coverage3.ReadableShare:P2} vs {random3.ReadableShare:P2}");
        Assert.True(coverage2.ReadableShare >= random3.ReadableShare, $"{coverage2.ReadableShare:P2} vs {random3.ReadableShare:P2}");
        Assert.True(coverage3.MaxLoadOverMean < 2.5, $"fullest home holds {coverage3.MaxLoadOverMean:0.00}× the mean");
    }
}

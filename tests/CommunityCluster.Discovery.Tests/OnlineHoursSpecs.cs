using CommunityCluster.Testing;

namespace CommunityCluster.Discovery.Tests;

public sealed class OnlineHoursSpecs : IDisposable
{
    private readonly TestFolder _folder = new(nameof(OnlineHoursSpecs));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void OnlineHours_should_add_up_across_restarts()
    {
        new OnlineHours(_folder.Path).Add(TimeSpan.FromHours(2));

        var total = new OnlineHours(_folder.Path).Add(TimeSpan.FromMinutes(30));

        Assert.Equal(2.5, total, precision: 4);
        Assert.Equal(2.5, new OnlineHours(_folder.Path).Read(), precision: 4);
    }

    [Fact]
    public void OnlineHours_should_start_from_zero_when_the_file_is_damaged()
    {
        File.WriteAllText(_folder.Combine("online-hours.txt"), "not a number");

        Assert.Equal(0, new OnlineHours(_folder.Path).Read());
    }
}

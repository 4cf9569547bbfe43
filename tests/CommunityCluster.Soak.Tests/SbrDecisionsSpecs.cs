namespace CommunityCluster.Soak.Tests;

/// <summary>Which home the split brain resolver downed, read from a member's log as seed 43 wrote it.</summary>
public sealed class SbrDecisionsSpecs
{
    private const string Line = "2026-12-05 03:39:23.607 warn: Akka.Actor.ActorSystem[0] [WARNING][12/05/2026 03:39:23.606Z][Thread 0022]"
        + "[akka.tcp://community@10.196.237.10:42839/system/cluster/core/daemon/downingProvider] SBR took decision "
        + "Akka.Cluster.SBR.DownIndirectlyConnected and is downing [akka.tcp://community@10.196.237.15:38065, "
        + "akka.tcp://community@10.196.237.14:44237], [1] unreachable of [6] members, indirectly connected [UniqueAddress: (";

    private static readonly DateTime Exit = new(2026, 12, 5, 3, 39, 27, DateTimeKind.Utc);

    [Fact]
    public void A_home_named_in_a_decision_just_before_its_exit_should_be_explained_by_it()
    {
        var strategy = SbrDecisions.Downing(["other line\n" + Line], "akka.tcp://community@10.196.237.14:44237", Exit,
            TimeSpan.FromSeconds(60));

        Assert.Equal("DownIndirectlyConnected", strategy);
    }

    [Theory]
    [InlineData("akka.tcp://community@10.196.237.13:43375", 0)] // not named
    [InlineData("akka.tcp://community@10.196.237.14:44237", 300)] // named, but five minutes before the exit
    [InlineData("akka.tcp://community@10.196.237.14:4423", 0)] // a prefix of a named address
    public void A_home_not_named_or_named_long_before_should_not_be_explained(string address, int secondsLater)
    {
        var strategy = SbrDecisions.Downing([Line], address, Exit.AddSeconds(secondsLater), TimeSpan.FromSeconds(60));

        Assert.Null(strategy);
    }
}

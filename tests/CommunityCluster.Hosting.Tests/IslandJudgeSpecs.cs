using Akka.Actor;
using Akka.Cluster;

namespace CommunityCluster.Hosting.Tests;

/// <summary>When a home asks whether its lighthouse lives in another cluster, and when it never does.</summary>
public sealed class IslandJudgeSpecs
{
    private static readonly Address Lighthouse = Address.Parse("akka.tcp://community@10.0.0.1:4053");
    private static readonly Address Home = Address.Parse("akka.tcp://community@10.0.0.2:4054");
    private static readonly Address OtherHome = Address.Parse("akka.tcp://community@10.0.0.3:4054");
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);
    private static readonly DateTime Start = new(2026, 12, 5, 6, 0, 0, DateTimeKind.Utc);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(60);

    private static IslandJudge NewJudge(Address[] seeds) => new(seeds, Grace, FirstRetry, LongestRetry);

    private static (Address, MemberStatus)[] Members(params (Address, MemberStatus)[] members) => members;

    [Fact]
    public void Judge_should_ask_once_no_seed_has_been_a_member_for_the_grace_period()
    {
        var judge = NewJudge([Lighthouse]);
        var alone = Members((Home, MemberStatus.Up), (OtherHome, MemberStatus.Up));

        Assert.False(judge.SeedsAbsentLongEnough(MemberStatus.Up, alone, Start));
        Assert.False(judge.SeedsAbsentLongEnough(MemberStatus.Up, alone, Start + Grace - TimeSpan.FromSeconds(1)));
        Assert.True(judge.SeedsAbsentLongEnough(MemberStatus.Up, alone, Start + Grace));
        Assert.Equal(Grace, judge.AbsentFor(Start + Grace));
    }

    [Theory]
    [InlineData(MemberStatus.Up)]
    [InlineData(MemberStatus.Joining)]
    [InlineData(MemberStatus.Leaving)]
    public void Judge_should_never_ask_while_a_seed_is_a_member(MemberStatus seedStatus)
    {
        var judge = NewJudge([Lighthouse]);
        var withSeed = Members((Lighthouse, seedStatus), (Home, MemberStatus.Up));

        foreach (var seconds in new[] { 0, 30, 600 })
            Assert.False(judge.SeedsAbsentLongEnough(MemberStatus.Up, withSeed, Start.AddSeconds(seconds)));
    }

    [Fact]
    public void Judge_should_count_a_downed_seed_as_gone()
    {
        var judge = NewJudge([Lighthouse]);
        var downedSeed = Members((Lighthouse, MemberStatus.Down), (Home, MemberStatus.Up));

        judge.SeedsAbsentLongEnough(MemberStatus.Up, downedSeed, Start);

        Assert.True(judge.SeedsAbsentLongEnough(MemberStatus.Up, downedSeed, Start + Grace));
    }

    [Fact]
    public void Judge_should_start_the_grace_period_again_when_a_seed_came_back_in_between()
    {
        var judge = NewJudge([Lighthouse]);
        var alone = Members((Home, MemberStatus.Up));
        var withSeed = Members((Lighthouse, MemberStatus.Up), (Home, MemberStatus.Up));

        judge.SeedsAbsentLongEnough(MemberStatus.Up, alone, Start);
        judge.SeedsAbsentLongEnough(MemberStatus.Up, withSeed, Start.AddSeconds(15));
        judge.SeedsAbsentLongEnough(MemberStatus.Up, alone, Start.AddSeconds(16));

        Assert.False(judge.SeedsAbsentLongEnough(MemberStatus.Up, alone, Start.AddSeconds(30)));
        Assert.True(judge.SeedsAbsentLongEnough(MemberStatus.Up, alone, Start.AddSeconds(36)));
    }

    [Theory]
    [InlineData(MemberStatus.Joining)]
    [InlineData(MemberStatus.Leaving)]
    [InlineData(MemberStatus.Down)]
    public void Judge_should_not_ask_for_a_home_that_is_not_up(MemberStatus selfStatus)
    {
        var judge = NewJudge([Lighthouse]);
        var alone = Members((Home, selfStatus));

        judge.SeedsAbsentLongEnough(selfStatus, alone, Start);

        Assert.False(judge.SeedsAbsentLongEnough(selfStatus, alone, Start + Grace + Grace));
    }

    [Fact]
    public void Judge_without_seeds_should_never_ask()
    {
        var judge = NewJudge([]);
        var alone = Members((Home, MemberStatus.Up));

        judge.SeedsAbsentLongEnough(MemberStatus.Up, alone, Start);

        Assert.False(judge.SeedsAbsentLongEnough(MemberStatus.Up, alone, Start + Grace + Grace));
    }

    [Fact]
    public void Judge_should_ask_at_once_then_after_waits_that_double_up_to_a_minute()
    {
        var judge = NewJudge([Lighthouse]);
        var alone = Members((Home, MemberStatus.Up));
        judge.SeedsAbsentLongEnough(MemberStatus.Up, alone, Start);
        var asked = new List<double>();

        for (var second = 20; second <= 320; second += 5)
        {
            var now = Start.AddSeconds(second);
            if (judge.SeedsAbsentLongEnough(MemberStatus.Up, alone, now) && judge.TakeAskTurn(now))
                asked.Add(second);
        }

        Assert.Equal([20, 25, 35, 55, 95, 155, 215, 275], asked);
    }

    [Fact]
    public void Judge_should_ask_at_once_again_after_a_seed_was_back_in_between()
    {
        var judge = NewJudge([Lighthouse]);
        var alone = Members((Home, MemberStatus.Up));
        var withSeed = Members((Lighthouse, MemberStatus.Up), (Home, MemberStatus.Up));
        judge.SeedsAbsentLongEnough(MemberStatus.Up, alone, Start);
        foreach (var second in new[] { 20, 25, 35, 55 })
            judge.TakeAskTurn(Start.AddSeconds(second));

        judge.SeedsAbsentLongEnough(MemberStatus.Up, withSeed, Start.AddSeconds(60));
        judge.SeedsAbsentLongEnough(MemberStatus.Up, alone, Start.AddSeconds(65));

        Assert.True(judge.SeedsAbsentLongEnough(MemberStatus.Up, alone, Start.AddSeconds(85)));
        Assert.True(judge.TakeAskTurn(Start.AddSeconds(85)));
        Assert.False(judge.TakeAskTurn(Start.AddSeconds(89)));
        Assert.True(judge.TakeAskTurn(Start.AddSeconds(90)));
    }
}

namespace CommunityCluster.Hosting.Tests;

/// <summary>When a home counts one of its singletons as stopped for good, and when it never does.</summary>
public sealed class SingletonJudgeSpecs
{
    private const string Coordinator = "/system/sharding/photoCoordinator/singleton";
    private const string Monitor = "/user/replication-monitor/replication-monitor";
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(60);
    private static readonly DateTime Start = new(2026, 12, 5, 13, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Judge_should_find_a_singleton_stuck_once_it_was_missing_on_the_oldest_for_the_grace_period()
    {
        var judge = new SingletonJudge(Grace);

        var atOnce = judge.MissingLongEnough(Coordinator, selfIsOldest: true, running: false, Start);
        var justBefore = judge.MissingLongEnough(Coordinator, true, false, Start + Grace - TimeSpan.FromSeconds(1));
        var atGrace = judge.MissingLongEnough(Coordinator, true, false, Start + Grace);

        Assert.False(atOnce);
        Assert.False(justBefore);
        Assert.True(atGrace);
        Assert.Equal(Grace, judge.MissingFor(Coordinator, Start + Grace));
    }

    [Fact]
    public void Judge_should_start_again_when_the_singleton_is_seen_running()
    {
        var judge = new SingletonJudge(Grace);
        judge.MissingLongEnough(Coordinator, true, false, Start);

        judge.MissingLongEnough(Coordinator, true, running: true, Start.AddSeconds(30));
        var afterRestart = judge.MissingLongEnough(Coordinator, true, false, Start.AddSeconds(40));
        var graceAfterFirstMiss = judge.MissingLongEnough(Coordinator, true, false, Start + Grace);

        Assert.False(afterRestart);
        Assert.False(graceAfterFirstMiss);
        Assert.True(judge.MissingLongEnough(Coordinator, true, false, Start.AddSeconds(40) + Grace));
    }

    /// <summary>On a younger home the singleton runs elsewhere; its absence here is how it should be.</summary>
    [Fact]
    public void Judge_should_never_act_on_a_home_that_is_not_the_oldest()
    {
        var judge = new SingletonJudge(Grace);

        var verdicts = new[] { 0, 60, 600, 3600 }
            .Select(seconds => judge.MissingLongEnough(Coordinator, false, false, Start.AddSeconds(seconds)))
            .ToList();

        Assert.All(verdicts, Assert.False);
        Assert.Equal(TimeSpan.Zero, judge.MissingFor(Coordinator, Start.AddSeconds(3600)));
    }

    /// <summary>A home that just became the oldest waits for the hand-over; its count starts then.</summary>
    [Fact]
    public void Judge_should_count_from_when_the_home_became_the_oldest()
    {
        var judge = new SingletonJudge(Grace);
        judge.MissingLongEnough(Coordinator, false, false, Start);

        var becameOldest = judge.MissingLongEnough(Coordinator, true, false, Start.AddSeconds(50));
        var graceAfterStart = judge.MissingLongEnough(Coordinator, true, false, Start + Grace);

        Assert.False(becameOldest);
        Assert.False(graceAfterStart);
        Assert.True(judge.MissingLongEnough(Coordinator, true, false, Start.AddSeconds(50) + Grace));
    }

    [Fact]
    public void Judge_should_count_each_singleton_apart()
    {
        var judge = new SingletonJudge(Grace);
        judge.MissingLongEnough(Coordinator, true, false, Start);
        judge.MissingLongEnough(Monitor, true, running: true, Start);

        var monitorStuck = judge.MissingLongEnough(Monitor, true, false, Start + Grace);
        var coordinatorStuck = judge.MissingLongEnough(Coordinator, true, false, Start + Grace);

        Assert.False(monitorStuck);
        Assert.True(coordinatorStuck);
    }

    [Fact]
    public void Judge_should_start_again_after_forgetting_a_singleton()
    {
        var judge = new SingletonJudge(Grace);
        judge.MissingLongEnough(Coordinator, true, false, Start);

        judge.Forget(Coordinator);

        Assert.False(judge.MissingLongEnough(Coordinator, true, false, Start + Grace));
        Assert.Equal(TimeSpan.Zero, judge.MissingFor(Coordinator, Start + Grace));
    }
}

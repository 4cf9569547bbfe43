using System.Reflection;
using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using CommunityCluster.Hosting;
using CommunityCluster.Testing;
using Xunit.Abstractions;

namespace CommunityCluster.Node.Tests;

/// <summary>
/// A home whose singleton managers handed their singletons to a node outside its cluster (soak
/// seed 9: a remnant of an old cluster asked a restarted home at the same address) must not
/// leave the community without shard coordinators. It restarts, and the next oldest runs them.
/// </summary>
public sealed class SingletonWatchSpecs(ITestOutputHelper output) : IDisposable
{
    private const string PhotoCoordinatorManager = "/system/sharding/photoCoordinator";
    private static readonly TimeSpan FormWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RestartWithin = ClusterTimings.SingletonGrace + TimeSpan.FromSeconds(60);
    private readonly TestFolder _folder = new(nameof(SingletonWatchSpecs));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_home_whose_coordinator_was_handed_outside_its_cluster_should_restart_so_another_runs_it()
    {
        await using var community = await LocalCommunity.StartAsync(_folder, nodeCount: 2, FormWithin);
        var (oldest, younger) = (community.Nodes[0], community.Nodes[1]);
        var before = TestPhotos.Generate(_folder.Combine("before"), seed: 31).Take(4).ToList();
        await younger.UploadAllAsync(before);

        await using var outsider = Outsider.Start();
        outsider.AskForHandOver(oldest.Address + PhotoCoordinatorManager);
        const string HandedOver = "photoCoordinator] ClusterSingletonManager state change [HandingOver -> End]";
        await Eventually.Until(() => oldest.LogText().Contains(HandedOver, StringComparison.Ordinal), FormWithin,
            "node-1 to hand the photo coordinator over");

        var code = await oldest.WaitForExitAsync(RestartWithin);
        Assert.True(code == ExitCodes.Downed, $"node-1 exited {code}, not {ExitCodes.Downed}:\n{oldest.LogTail(30)}");
        Assert.Contains(SingletonWatch.LeavingMessage, oldest.LogText(), StringComparison.Ordinal);
        Assert.Contains(SingletonWatch.CoordinatorPath("photo"), oldest.LogText(), StringComparison.Ordinal);

        // The test is the supervisor here, as a restart policy would be.
        oldest.Start();
        await oldest.WaitUntilReadyAsync(FormWithin);
        var after = TestPhotos.Generate(_folder.Combine("after"), seed: 32).Take(6).ToList();
        await oldest.UploadAllAsync(after);

        await Eventually.Until(() => younger.LogText().Contains(
            "started singleton actor [akka://community/system/sharding/photoCoordinator/singleton]",
            StringComparison.Ordinal), FormWithin, "node-2 to run the photo coordinator");
        await younger.AssertAllReadableAsync([.. before, .. after]);
        await oldest.AssertAllReadableAsync([.. before, .. after]);
        output.WriteLine("node-1 restarted after exit 3; node-2 runs the photo coordinator; "
            + $"{before.Count + after.Count} photos readable");
    }

    /// <summary>
    /// An actor system outside the community, as the remnant of an old cluster is. It sends the
    /// message a singleton manager sends when it becomes the oldest; Akka.NET keeps that message
    /// internal, so it is made by reflection.
    /// </summary>
    private sealed class Outsider : IAsyncDisposable
    {
        private readonly ActorSystem _system;

        private Outsider(ActorSystem system) => _system = system;

        public static Outsider Start()
        {
            var config = ConfigurationFactory.ParseString("""
                akka.actor.provider = remote
                akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
                """).WithFallback(ClusterSingleton.DefaultConfig());
            return new Outsider(ActorSystem.Create("community", config));
        }

        public void AskForHandOver(string managerPath)
        {
            var type = typeof(ClusterSingletonManager).Assembly
                .GetType("Akka.Cluster.Tools.Singleton.HandOverToMe", throwOnError: true)!;
            const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
            var instance = type.GetProperty("Instance", Static)?.GetValue(null)
                ?? Activator.CreateInstance(type, nonPublic: true)!;
            _system.ActorSelection(managerPath).Tell(instance);
        }

        public async ValueTask DisposeAsync() => await _system.Terminate();
    }
}

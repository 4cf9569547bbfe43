using Akka.Actor;
using CommunityCluster.Hosting.ShardingProbe;
using CommunityCluster.Testing;

namespace CommunityCluster.Hosting.Tests;

/// <summary>The settings a running member really has, read back from its actor system.</summary>
public sealed class ClusterSettingsSpecs : IAsyncLifetime
{
    private readonly TestFolder _folder = new(nameof(ClusterSettingsSpecs));
    private InProcessMember _member = null!;

    public async Task InitializeAsync()
    {
        var port = FreePorts.Next();
        _member = await InProcessMember.StartAsync(_folder.Path, [$"akka.tcp://community@127.0.0.1:{port}"], port);
    }

    public async Task DisposeAsync()
    {
        await _member.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public void Member_should_run_sharding_in_ddata_mode_with_plain_majorities()
    {
        var config = _member.System.Settings.Config;

        Assert.Equal("ddata", config.GetString("akka.cluster.sharding.state-store-mode"));
        Assert.Equal(0, config.GetInt("akka.cluster.sharding.coordinator-state.write-majority-plus"));
        Assert.Equal(0, config.GetInt("akka.cluster.sharding.coordinator-state.read-majority-plus"));
        Assert.Equal(1, config.GetInt("akka.cluster.sharding.distributed-data.majority-min-cap"));
        Assert.Empty(config.GetStringList("akka.cluster.sharding.distributed-data.durable.keys"));
    }

    [Fact]
    public void Member_should_keep_durable_keys_in_sqlite_under_its_data_folder()
    {
        var config = _member.System.Settings.Config;

        Assert.Equal(["durable:*"], config.GetStringList("akka.cluster.distributed-data.durable.keys"));
        Assert.StartsWith("CommunityCluster.DurableStore.SqliteDurableStore",
            config.GetString("akka.cluster.distributed-data.durable.store-actor-class"), StringComparison.Ordinal);
        Assert.Equal(DurableKeys.FilePath(_folder.Path), config.GetString("akka.cluster.distributed-data.durable.sqlite.path"));
    }

    [Fact]
    public void Member_should_use_the_documented_failure_detector_and_resolver_timings()
    {
        var config = _member.System.Settings.Config;

        Assert.Equal(ClusterTimings.AcceptableHeartbeatPause,
            config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        Assert.Equal(ClusterTimings.StableAfter, config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Contains("SplitBrainResolverProvider", config.GetString("akka.cluster.downing-provider-class"), StringComparison.Ordinal);
    }

    [Fact]
    public void ShardingProbeSerializer_should_round_trip_its_contract()
    {
        var serializer = new ShardingProbeSerializer((ExtendedActorSystem)_member.System);
        object[] messages = [new WhereAreYou("e-1"), new HostedAt("e-1", "akka.tcp://community@127.0.0.1:1")];

        foreach (var message in messages)
        {
            var manifest = serializer.Manifest(message);
            Assert.Equal(message, serializer.FromBinary(serializer.ToBinary(message), manifest));
        }

        Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary([], "where-are-you.v9"));
    }
}

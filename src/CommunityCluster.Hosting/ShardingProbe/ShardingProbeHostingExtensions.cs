using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Hosting.ShardingProbe;

public static class ShardingProbeHostingExtensions
{
    private const string SerializerHocon = """
        akka.actor {
          serializers.community-sharding-probe = "CommunityCluster.Hosting.ShardingProbe.ShardingProbeSerializer, CommunityCluster.Hosting"
          serialization-bindings {
            "CommunityCluster.Hosting.ShardingProbe.IShardingProbeMessage, CommunityCluster.Hosting" = community-sharding-probe
          }
        }
        """;

    /// <summary>The probe's shard region on every community node (role <c>node</c>), registered as <see cref="ShardingProbeEntity"/>.</summary>
    public static AkkaConfigurationBuilder WithShardingProbe(this AkkaConfigurationBuilder builder) =>
        builder
            .AddHocon(SerializerHocon, HoconAddMode.Prepend)
            .WithCommunityShardRegion<ShardingProbeEntity>(
                ShardingProbeEntity.TypeName,
                _ => Props.Create<ShardingProbeEntity>(),
                new ShardingProbeEntity.MessageExtractor(),
                new ShardOptions { Role = ServiceRole.NodeRole, StateStoreMode = StateStoreMode.DData, RememberEntities = false });
}

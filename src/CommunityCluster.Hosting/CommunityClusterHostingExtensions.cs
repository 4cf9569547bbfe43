using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Configuration;
using Akka.DistributedData;
using Akka.Hosting;
using Akka.Remote.Hosting;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Hosting;

public static class CommunityClusterHostingExtensions
{
    /// <summary>
    /// Remoting, clustering with the split-brain resolver, sharding in ddata mode and Distributed
    /// Data with the SQLite durable store: the settings every member of a community must share.
    /// </summary>
    public static AkkaConfigurationBuilder WithCommunityCluster(
        this AkkaConfigurationBuilder builder, CommunityClusterOptions options)
    {
        var seeds = options.Seeds.Count > 0 ? options.Seeds : [options.SelfAddress];

        var remoting = new RemoteOptions
        {
            HostName = options.Host,
            PublicHostName = options.PublicHost.Length > 0 ? options.PublicHost : null,
            Port = options.Port,
        };
        if (options.Tls is not null)
        {
            remoting.EnableSsl = true;
            remoting.Ssl = MemberTlsValidation.SslOptions(options.Tls);
        }

        builder
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.InfoLevel;
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .WithRemoting(remoting)
            .WithClustering(new ClusterOptions
            {
                Roles = [.. options.Roles],
                SeedNodes = [.. seeds],
                SplitBrainResolver = new KeepMajorityOption(),
                LogInfo = true,
            })
            .AddHocon(CommunityConfig(options), HoconAddMode.Prepend)
            .WithActors((system, _) => system.ActorOf(Props.Create<MembershipLogger>(), "membership-logger"));

        // The replicator starts lazily on first use; a node must hold its replica (and load its
        // durable keys) from the start, whether or not any of its own actors use Distributed Data.
        if (options.Tls is not null)
            builder.WithActors((system, _) =>
                system.ActorOf(CertificateExpiryWatch.Props(options.Tls), CertificateExpiryWatch.Name));

        if (options.Roles.Contains(ServiceRole.NodeRole))
            builder.AddStartup((system, _) => DistributedData.Get(system));

        // Shard regions and singletons started after this add themselves to the watch.
        if (options.Roles.Contains(ServiceRole.NodeRole))
            builder.WithActors((system, registry) =>
                registry.Register<SingletonWatch>(system.ActorOf(SingletonWatch.Props(), SingletonWatch.Name)));

        // Homes rejoin through the lighthouse when left apart from it; the lighthouse itself is
        // the rendezvous and never leaves, and a community of one has nothing to rejoin.
        var otherSeeds = options.Seeds.Where(s => s != options.SelfAddress).Select(Address.Parse).ToList();
        if (options.Roles.Contains(ServiceRole.NodeRole) && otherSeeds.Count > 0)
            builder.WithActors((system, _) => system.ActorOf(IslandGuard.Props(otherSeeds), IslandGuard.Name));

        return builder;
    }

    /// <summary>
    /// Puts a singleton started with Akka.Hosting's <c>WithSingleton(name, ...)</c> under the
    /// <see cref="SingletonWatch"/>, so a manager that stopped for good on this home restarts it.
    /// </summary>
    public static AkkaConfigurationBuilder WithSingletonWatched(
        this AkkaConfigurationBuilder builder, string singletonName, string role) =>
        builder.WithActors((_, registry) =>
            WatchSingleton(registry, SingletonWatch.HostedSingletonPath(singletonName), role));

    internal static void WatchSingleton(IActorRegistry registry, string singletonPath, string? role)
    {
        if (registry.TryGet<SingletonWatch>(out var watch))
            watch.Tell(new SingletonWatch.Watch(singletonPath, role));
    }

    private static Config CommunityConfig(CommunityClusterOptions options)
    {
        var shared = ConfigurationFactory.FromResource<MembershipLogger>("CommunityCluster.Hosting.community.conf");
        if (options.DataDirectory is null)
            return shared;

        var durablePath = DurableKeys.FilePath(options.DataDirectory).Replace("\\", "/", StringComparison.Ordinal);
        return ConfigurationFactory
            .ParseString($"akka.cluster.distributed-data.durable.sqlite.path = \"{durablePath}\"")
            .WithFallback(shared);
    }
}

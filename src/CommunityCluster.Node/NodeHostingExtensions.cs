using System.Net;
using System.Reflection;
using Akka.Actor;
using Akka.Hosting;
using CommunityCluster.Commands;
using CommunityCluster.Commands.Palettes;
using CommunityCluster.Core.Settings;
using CommunityCluster.Discovery;
using CommunityCluster.Hosting;
using CommunityCluster.Hosting.ShardingProbe;
using CommunityCluster.Members;
using CommunityCluster.Meta;
using CommunityCluster.Meta.Service;
using CommunityCluster.Node.Catalog;
using CommunityCluster.Node.Startup;
using CommunityCluster.Photos;
using CommunityCluster.Photos.Chunks;
using CommunityCluster.Photos.Palettes;
using CommunityCluster.Thumbs;
using CommunityCluster.Thumbs.Palettes;
using CommunityCluster.Thumbs.Rendering;
using CommunityCluster.Thumbs.Routing;

namespace CommunityCluster.Node;

public static class NodeHostingExtensions
{
    /// <summary>One pipeline for ASP.NET and Akka logs: single lines with a timestamp on stdout.</summary>
    public static WebApplicationBuilder AddNodeLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
            console.UseUtcTimestamp = true;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);

        // Data protection warns at every start that its keys lie unencrypted at rest: they sit in the
        // node's data folder, which is trusted like the photos and the durable store beside them.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        return builder;
    }

    /// <summary>Kestrel on the node's own host and HTTP port, nothing from ASPNETCORE_URLS.</summary>
    public static WebApplicationBuilder AddNodeWebServer(this WebApplicationBuilder builder,
        ResolvedNodeSettings resolved)
    {
        // The ASP.NET container images set ASPNETCORE_HTTP_PORTS=8080; cleared, so that Kestrel
        // does not warn at every start that it overrides them with HTTP_PORT.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "");
        builder.WebHost.UseSetting(WebHostDefaults.HttpPortsKey, "");
        builder.WebHost.UseSetting(WebHostDefaults.HttpsPortsKey, "");

        var address = Preflight.BindAddress(resolved.Settings.Host);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, resolved.Settings.HttpPort));
        builder.Services.AddSingleton(resolved);
        return builder;
    }

    /// <summary>
    /// The actor system of a community node (cluster wiring, discovery, sharding probe, PhotoHub,
    /// MetaHub) and its ccm endpoint with the palettes a node offers.
    /// </summary>
    public static IServiceCollection AddCommunityNode(this IServiceCollection services, ResolvedNodeSettings resolved)
    {
        var settings = resolved.Settings;
        var cluster = new CommunityClusterOptions(
            NodeSettings.SystemName,
            settings.Host,
            settings.PublicHost,
            settings.Port,
            [ServiceRole.NodeRole, .. settings.Roles],
            resolved.Seeds.Select(s => s.ToString()).ToList(),
            settings.DataDirectory,
            resolved.Tls);
        var nodeId = NodeIdentity.LoadOrCreate(settings.DataDirectory);
        var gauge = new StorageGauge();
        var facts = new ProfileFacts(nodeId, settings.HomeId, settings.Roles, settings.DataDirectory,
            resolved.StorageQuotaBytes, Version, resolved.StartedAt, gauge, settings.OffHoursOrNone,
            settings.Storage.Clock, settings.LeaveAtOffHours);
        var photoHub = new PhotoHubOptions(nodeId, settings.DataDirectory, resolved.StorageQuotaBytes,
            settings.Storage);
        var metaHub = new MetaHubOptions(settings.DataDirectory);
        var thumbs = settings.ThumbsOrDefault;
        var routing = RoutingModes.TryParse(thumbs.Routing, out var mode) ? mode : RoutingMode.LatencyAware; // validated at startup
        var thumbHub = new ThumbHubOptions(nodeId, settings.HomeId, settings.DataDirectory)
        {
            Routing = routing,
            BlobReplicationFactor = thumbs.ReplicationFactor,
            Limits = RenderLimits.Default with { MaxPixels = thumbs.MaxPixels },
        };

        services.AddAkka(NodeSettings.SystemName, akka => akka
            .WithCommunityCluster(cluster)
            .WithDiscovery(facts, new DiscoveryOptions())
            .WithShardingProbe()
            .WithPhotoHub(photoHub, settings.Roles, gauge)
            .WithMetaHub(metaHub)
            .WithMembers()
            .WithThumbHub(thumbHub, settings.Roles)
            .WithActors((system, _, resolver) => system.ActorOf(
                PreviewRecorder.Props(resolver.GetService<CatalogDirectory>()), PreviewRecorder.Name)));

        services.AddSingleton(sp => new CommunityDirectory(
            sp.GetRequiredService<ActorSystem>(), sp.GetRequiredService<IRequiredActor<LinkProber>>().ActorRef));
        services.AddPhotoHubServices(settings.Storage);
        services.AddMetaHubServices(metaHub);
        services.AddThumbHubServices(thumbHub);
        services.AddCommandHost(settings.CommandEndpoint)
            .AddPalette<LinksPalette>()
            .AddPalette<StoragePalette>()
            .AddPalette<PhotoPalette>()
            .AddPalette<ThumbsPalette>();
        return services;
    }

    public static string Version { get; } =
        typeof(NodeHostingExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            .Split('+')[0] ?? "0.0.0";
}

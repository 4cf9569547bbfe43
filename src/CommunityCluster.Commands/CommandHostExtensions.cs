using CommunityCluster.Commands.Palettes;
using CommunityCluster.Core.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityCluster.Commands;

public static class CommandHostExtensions
{
    /// <summary>
    /// The ccm endpoint on <paramref name="settings"/>, with the <c>cluster</c> and <c>node</c>
    /// palettes that every member offers. Call it after <c>AddAkka</c>: hosted services start in
    /// order, so the endpoint opens once the actor system runs and closes before it stops.
    /// </summary>
    public static IServiceCollection AddCommandHost(this IServiceCollection services, CommandEndpointSettings settings)
    {
        services.AddSingleton<CommandRunner>();
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<CommandHost>(sp, settings));
        return services
            .AddPalette<ClusterPalette>()
            .AddPalette<NodePalette>();
    }

    /// <summary>Adds one palette; its constructor gets what it needs from the container.</summary>
    public static IServiceCollection AddPalette<TPalette>(this IServiceCollection services)
        where TPalette : Palette =>
        services.AddSingleton<Palette, TPalette>();
}

using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityCluster.Members;

public static class MembersHostingExtensions
{
    /// <summary>The members' serializer; the records live in the node-wide replicator.</summary>
    public static AkkaConfigurationBuilder WithMembers(this AkkaConfigurationBuilder builder) =>
        builder.AddHocon(ConfigurationFactory.FromResource<MembersSerializer>("CommunityCluster.Members.members.conf"),
            HoconAddMode.Prepend);

    /// <summary>What the web layer uses: the <see cref="MemberDirectory"/>.</summary>
    public static IServiceCollection AddMembers(this IServiceCollection services) =>
        services.AddSingleton(sp => new MemberDirectory(sp.GetRequiredService<ActorSystem>()));
}

using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;

namespace CommunityCluster.Discovery;

public static class DiscoveryHostingExtensions
{
    /// <summary>The profile publisher's name under /user, where <c>node sleep</c> finds it.</summary>
    public const string ProfilePublisherName = "discovery-profile";

    /// <summary>The discovery contract's serializer, and the responder that lets others measure this member.</summary>
    public static AkkaConfigurationBuilder WithPingResponder(this AkkaConfigurationBuilder builder) =>
        builder
            .AddHocon(ConfigurationFactory.FromResource<PingResponder>("CommunityCluster.Discovery.discovery.conf"),
                HoconAddMode.Prepend)
            .WithActors((system, _) => system.ActorOf(Props.Create<PingResponder>(), PingResponder.Name));

    /// <summary>
    /// Everything a community node runs for discovery: the responder, the link prober
    /// (registered as <see cref="LinkProber"/>) and the profile publisher.
    /// </summary>
    public static AkkaConfigurationBuilder WithDiscovery(
        this AkkaConfigurationBuilder builder, ProfileFacts facts, DiscoveryOptions options) =>
        builder
            .WithPingResponder()
            .WithActors((system, registry) =>
            {
                registry.Register<LinkProber>(system.ActorOf(LinkProber.Props(options), "discovery-links"));
                system.ActorOf(ProfilePublisher.Props(facts, options), ProfilePublisherName);
            });
}

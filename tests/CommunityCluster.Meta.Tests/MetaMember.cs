using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote;
using Akka.Remote.Transport;
using CommunityCluster.Meta.Service;
using CommunityCluster.Testing;

namespace CommunityCluster.Meta.Tests;

/// <summary>
/// An in-process member with the production MetaHub wiring, optionally behind Akka.Remote's
/// throttler so that a test can cut and heal its links (a blackhole drops everything both ways).
/// </summary>
internal sealed class MetaMember : IAsyncDisposable
{
    /// <summary>With the throttler adapter, addresses carry its scheme: <c>akka.trttl.tcp://</c>.</summary>
    public const string ThrottledScheme = "akka.trttl.tcp";

    private MetaMember(InProcessMember member, MetaHubOptions options)
    {
        Member = member;
        Options = options;
        Catalog = CatalogDirectory.For(member.System, options);
    }

    public InProcessMember Member { get; }

    public MetaHubOptions Options { get; }

    public CatalogDirectory Catalog { get; }

    public ActorSystem System => Member.System;

    public Address Address => Cluster.Get(System).SelfAddress;

    public static async Task<MetaMember> StartAsync(string dataDirectory, string seed, int port, bool throttled)
    {
        var options = new MetaHubOptions(dataDirectory) { WriteTimeout = TimeSpan.FromSeconds(2), SpreadInterval = TimeSpan.FromSeconds(2) };
        var member = await InProcessMember.StartAsync(dataDirectory, [seed], port, akka =>
        {
            if (throttled)
                akka.AddHocon(ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.applied-adapters = [trttl]"), HoconAddMode.Prepend);
            akka.WithMetaHub(options);
        });
        return new MetaMember(member, options);
    }

    public static string Seed(int port, bool throttled) => $"{(throttled ? ThrottledScheme : "akka.tcp")}://community@127.0.0.1:{port}";

    public async Task CutFromAsync(IEnumerable<MetaMember> others, ThrottleMode mode)
    {
        var transport = ((IRemoteActorRefProvider)((ExtendedActorSystem)System).Provider).Transport;
        foreach (var other in others)
            await transport.ManagementCommand(new SetThrottle(other.Address, ThrottleTransportAdapter.Direction.Both, mode));
    }

    public Task<ICatalogMessage> AskAsync(ICatalogRequest request) => Catalog.AskAsync(request);

    public async Task<IReadOnlyList<string>> ListIdsAsync()
    {
        var page = await Catalog.AskAsync<PhotoPage>(new ListPhotos(new PhotoQuery(100)));
        return [.. page.Items.Select(i => i.Id).Order(StringComparer.Ordinal)];
    }

    public ValueTask DisposeAsync() => Member.DisposeAsync();
}

using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using CommunityCluster.Core.Settings;
using CommunityCluster.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommunityCluster.Testing;

/// <summary>
/// A community member as an ActorSystem inside the test process, wired with the production
/// <see cref="CommunityClusterHostingExtensions.WithCommunityCluster"/> plus what the test adds.
/// Several of them in one test form a real cluster over loopback TCP.
/// </summary>
public sealed class InProcessMember : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessMember(IHost host, CommunityClusterOptions options)
    {
        _host = host;
        Options = options;
    }

    public CommunityClusterOptions Options { get; }

    public ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();

    public IServiceProvider Services => _host.Services;

    public Cluster Cluster => Cluster.Get(System);

    public static async Task<InProcessMember> StartAsync(
        string dataDirectory, IReadOnlyList<string> seeds, int? port = null,
        Action<AkkaConfigurationBuilder>? configure = null)
    {
        var options = new CommunityClusterOptions(NodeSettings.SystemName, "127.0.0.1", "", port ?? FreePorts.Next(),
            [ServiceRole.NodeRole, .. ServiceRole.All], seeds, dataDirectory);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAkka(NodeSettings.SystemName, akka =>
        {
            akka.WithCommunityCluster(options);
            configure?.Invoke(akka);
        });

        var host = builder.Build();
        await host.StartAsync();
        return new InProcessMember(host, options);
    }

    public Task WaitUntilUpAsync(TimeSpan timeout) =>
        Eventually.Until(() => Cluster.SelfMember.Status == MemberStatus.Up, timeout, $"{Options.SelfAddress} to be Up");

    /// <summary>Leaves the cluster and stops, as a node does on SIGTERM.</summary>
    public async ValueTask DisposeAsync()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _host.StopAsync(cancel.Token);
        _host.Dispose();
    }
}

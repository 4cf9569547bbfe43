using Akka.Hosting;
using CommunityCluster.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommunityCluster.Discovery.Tests;

/// <summary>Two members in one process, each running discovery as a node does.</summary>
public sealed class DiscoveryClusterSpecs : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    private static readonly DiscoveryOptions FastOptions = new()
    {
        PublishInterval = TimeSpan.FromMilliseconds(300),
        ProfileInterval = TimeSpan.FromSeconds(1),
        ThroughputProbeInterval = TimeSpan.FromSeconds(1),
    };

    private readonly TestFolder _folder = new(nameof(DiscoveryClusterSpecs));
    private InProcessMember _first = null!;
    private InProcessMember _second = null!;

    public async Task InitializeAsync()
    {
        var port = FreePorts.Next();
        var seed = $"akka.tcp://community@127.0.0.1:{port}";
        _first = await StartMember("first", seed, port);
        _second = await StartMember("second", seed, FreePorts.Next());
        await _second.WaitUntilUpAsync(Within);
    }

    private Task<InProcessMember> StartMember(string home, string seed, int port)
    {
        var data = _folder.Combine(home);
        var facts = new ProfileFacts(NodeIdentity.LoadOrCreate(data), home, ["photos"], data, 5_000_000_000, "test", DateTimeOffset.UtcNow);
        return InProcessMember.StartAsync(data, [seed], port, akka => akka.WithDiscovery(facts, FastOptions));
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        _folder.Dispose();
    }

    private static CommunityDirectory DirectoryOf(InProcessMember member) =>
        new(member.System, member.Services.GetRequiredService<IRequiredActor<LinkProber>>().ActorRef);

    [Fact]
    public async Task Discovery_should_measure_round_trip_and_throughput_to_the_other_member()
    {
        var directory = DirectoryOf(_first);
        var other = _second.Options.SelfAddress;

        var matrix = await Eventually.Until(() => directory.LinksAsync(CancellationToken.None),
            m => m.Rows[0].Links.Any(l => l.To == other && l.RoundTripMs > 0 && l.ThroughputMbit > 0),
            Within, "a round trip and a throughput to the second member", m => string.Join("; ", m.Rows[0].Links));

        var link = matrix.Rows[0].Links.Single(l => l.To == other);
        Assert.True(link.RoundTripMs < 1000, $"loopback round trip of {link.RoundTripMs} ms");
    }

    [Fact]
    public async Task Discovery_should_show_each_member_the_other_members_profile_and_row()
    {
        var directory = DirectoryOf(_first);
        var other = _second.Options.SelfAddress;

        var members = await Eventually.Until(() => directory.MembersAsync(CancellationToken.None),
            ms => ms.Any(m => m.Address == other && m.Profile is not null), Within, "the second member's profile");
        var matrix = await Eventually.Until(() => directory.LinksAsync(CancellationToken.None),
            m => m.Rows.Any(r => r.From == other && r.Links.Any(l => l.To == _first.Options.SelfAddress)),
            Within, "the second member's published link row");

        var profile = members.Single(m => m.Address == other).Profile!;
        Assert.Equal("second", profile.HomeId);
        Assert.Equal(5_000_000_000, profile.StorageQuotaBytes);
        Assert.Equal(Environment.ProcessorCount, profile.Cores);
        Assert.Equal(2, matrix.Rows.Count);
    }

    [Fact]
    public async Task Discovery_should_rank_instances_of_a_role_with_itself_first()
    {
        var directory = DirectoryOf(_second);

        var ranked = await Eventually.Until(() => directory.RankAsync("photos", 1_000_000, CancellationToken.None),
            r => r.Count == 2 && r[1].Reason.Contains("Mbit/s", StringComparison.Ordinal), Within, "both members ranked with measurements");

        Assert.Equal(_second.Options.SelfAddress, ranked[0].Address);
        Assert.Equal(_first.Options.SelfAddress, ranked[1].Address);
    }
}

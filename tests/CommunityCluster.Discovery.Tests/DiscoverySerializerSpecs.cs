using System.Text;
using Akka.Actor;
using CommunityCluster.Core.Discovery;

namespace CommunityCluster.Discovery.Tests;

public sealed class DiscoverySerializerSpecs : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 30, 0, TimeSpan.Zero);
    private readonly ActorSystem _system = ActorSystem.Create("serializer-specs");
    private readonly DiscoverySerializer _serializer;

    public DiscoverySerializerSpecs() => _serializer = new DiscoverySerializer((ExtendedActorSystem)_system);

    public void Dispose() => _system.Dispose();

    private T RoundTrip<T>(T message) where T : notnull =>
        (T)_serializer.FromBinary(_serializer.ToBinary(message), _serializer.Manifest(message));

    [Fact]
    public void Serializer_should_round_trip_a_profile()
    {
        var profile = new NodeProfile("akka.tcp://community@10.0.0.2:4054", "dupont", ["photos", "thumbs"], 20_000_000_000,
            123_456_789, 4, "0.1.0", At, 1234.5, At.AddMinutes(1));

        var copy = RoundTrip(profile);

        Assert.Equal(profile with { Roles = copy.Roles }, copy);
        Assert.Equal(profile.Roles, copy.Roles);
    }

    [Fact]
    public void Serializer_should_round_trip_a_link_row_with_and_without_throughput()
    {
        var measured = LinkEstimate.FirstRoundTrip(58, At).WithTransfer(450_000, TimeSpan.FromSeconds(1), At);
        var row = new LinkRow("a", [new LinkEntry("b", measured), new LinkEntry("c", LinkEstimate.FirstRoundTrip(22, At))], At);

        var copy = RoundTrip(row);

        Assert.Equal(row.Links, copy.Links);
        Assert.Null(copy.Links[1].Estimate.ThroughputBytesPerSecond);
    }

    [Fact]
    public void Serializer_should_round_trip_probes()
    {
        Assert.Equal(new Ping(7, 123), RoundTrip(new Ping(7, 123)));
        Assert.Equal(new Pong(7, 123), RoundTrip(new Pong(7, 123)));
        Assert.Equal(new ThroughputProbeAck(3, 1), RoundTrip(new ThroughputProbeAck(3, 1)));
        Assert.Equal([1, 2, 3], RoundTrip(new ThroughputProbe(3, 1, [1, 2, 3])).Payload);
    }

    [Fact]
    public void Serializer_should_keep_reading_the_v1_profile_shape()
    {
        // The stored v1 form, written out by hand: a later shape must still read it.
        const string v1 = """
            {"address":"akka.tcp://community@h:1","homeId":"h","roles":["web"],"storageQuotaBytes":1,"freeDiskBytes":2,
             "cores":4,"version":"0.1.0","startedAt":"2026-12-01T08:30:00+00:00","hoursOnline":3.5,
             "publishedAt":"2026-12-01T08:31:00+00:00"}
            """;

        var profile = (NodeProfile)_serializer.FromBinary(Encoding.UTF8.GetBytes(v1), "profile.v1");

        Assert.Equal("h", profile.HomeId);
        Assert.Equal(3.5, profile.HoursOnline);
    }

    [Fact]
    public void Serializer_should_refuse_an_unknown_manifest_and_a_foreign_type()
    {
        Assert.Throws<System.Runtime.Serialization.SerializationException>(() => _serializer.FromBinary([], "profile.v7"));
        Assert.Throws<ArgumentException>(() => _serializer.Manifest("a string"));
    }
}

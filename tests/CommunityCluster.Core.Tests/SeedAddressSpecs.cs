using CommunityCluster.Core.Settings;

namespace CommunityCluster.Core.Tests;

public class SeedAddressSpecs
{
    [Theory]
    [InlineData("akka.tcp://community@lighthouse:4053", "akka.tcp://community@lighthouse:4053")]
    [InlineData("akka.ssl.tcp://community@seed.example.org:4053", "akka.ssl.tcp://community@seed.example.org:4053")]
    [InlineData("192.168.1.10:4053", "akka.tcp://community@192.168.1.10:4053")]
    [InlineData("[::1]:4053", "akka.tcp://community@[::1]:4053")]
    [InlineData(" lighthouse:4053 ", "akka.tcp://community@lighthouse:4053")]
    public void SeedAddress_should_read_full_and_bare_addresses(string text, string expected)
    {
        Assert.True(SeedAddress.TryParse(text, "community", out var seed, out _));

        Assert.Equal(expected, seed!.ToString());
    }

    [Theory]
    [InlineData("lighthouse")]
    [InlineData("http://lighthouse:4053")]
    [InlineData("akka.tcp://community@:4053")]
    [InlineData("akka.tcp://lighthouse:4053")]
    [InlineData("lighthouse:port")]
    [InlineData("lighthouse:70000")]
    public void SeedAddress_should_refuse_what_is_not_an_address(string text)
    {
        Assert.False(SeedAddress.TryParse(text, "community", out _, out var error));

        Assert.Contains(text.Trim(), error, StringComparison.Ordinal);
    }

    [Fact]
    public void ForTransport_should_dial_every_seed_over_tls_when_tls_is_on()
    {
        SeedAddress.TryParse("lighthouse:4053", "community", out var bare, out _);
        SeedAddress.TryParse("akka.tcp://community@other:4053", "community", out var plain, out _);

        var seeds = SeedAddress.ForTransport([bare!, plain!], tls: true);

        Assert.Equal(["akka.ssl.tcp://community@lighthouse:4053", "akka.ssl.tcp://community@other:4053"],
            seeds.Select(s => s.ToString()));
    }

    [Fact]
    public void ForTransport_should_refuse_a_tls_seed_without_tls()
    {
        SeedAddress.TryParse("akka.ssl.tcp://community@lighthouse:4053", "community", out var seed, out _);

        var error = Assert.Throws<SettingsException>(() => SeedAddress.ForTransport([seed!], tls: false));

        Assert.Contains("is a TLS address, but this member has no certificate", error.Message, StringComparison.Ordinal);
    }
}

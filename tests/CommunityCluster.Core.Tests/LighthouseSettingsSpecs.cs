using System.Collections;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Core.Tests;

public class LighthouseSettingsSpecs
{
    [Fact]
    public void LighthouseSettings_should_seed_itself_on_port_4053_by_default()
    {
        var settings = LighthouseSettings.Parse([], new Hashtable(), null);

        Assert.Equal(["akka.tcp://community@127.0.0.1:4053"], settings.SeedsWithSelf(tls: false).Select(s => s.ToString()));
    }

    [Fact]
    public void LighthouseSettings_should_read_the_lighthouse_environment_names()
    {
        var env = new Hashtable
        {
            ["ACTORSYSTEM"] = "village",
            ["CLUSTER_IP"] = "0.0.0.0",
            ["CLUSTER_HOSTNAME"] = "seed.example",
            ["CLUSTER_PORT"] = "4999",
            ["CLUSTER_SEEDS"] = "akka.tcp://village@other:4053",
        };

        var settings = LighthouseSettings.Parse([], env, null);

        Assert.Equal("0.0.0.0", settings.Host);
        Assert.Equal(["akka.tcp://village@seed.example:4999", "akka.tcp://village@other:4053"],
            settings.SeedsWithSelf(tls: false).Select(s => s.ToString()));
    }

    [Fact]
    public void LighthouseSettings_should_not_list_itself_twice_when_it_is_among_the_seeds()
    {
        var env = new Hashtable { ["CLUSTER_SEEDS"] = "akka.tcp://community@127.0.0.1:4053" };

        var settings = LighthouseSettings.Parse([], env, null);

        Assert.Single(settings.SeedsWithSelf(tls: false));
    }

    [Fact]
    public void LighthouseSettings_should_refuse_a_wildcard_bind_without_a_public_host()
    {
        var env = new Hashtable { ["CLUSTER_IP"] = "0.0.0.0" };

        var error = Assert.Throws<SettingsException>(() => LighthouseSettings.Parse([], env, null));

        Assert.Contains("CLUSTER_HOSTNAME", error.Message, StringComparison.Ordinal);
    }
}

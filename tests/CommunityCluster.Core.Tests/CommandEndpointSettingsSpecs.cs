using System.Collections;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Core.Tests;

/// <summary>The ccm endpoint binds loopback unless told otherwise, and off loopback only with a token.</summary>
public class CommandEndpointSettingsSpecs
{
    private const string Token = "0123456789abcdef-token";

    private static NodeSettings Node(params string[] args) =>
        NodeSettings.Parse(args, new Hashtable(), null, "machine");

    private static LighthouseSettings Lighthouse(Dictionary<string, string> env) =>
        LighthouseSettings.Parse([], new Hashtable(env), null);

    [Fact]
    public void CommandEndpoint_should_default_to_loopback_9110_without_a_token()
    {
        var node = Node("--host", "0.0.0.0", "--public-host", "nas.home");
        var lighthouse = Lighthouse([]);

        Assert.Equal(new CommandEndpointSettings("127.0.0.1", 9110, ""), node.CommandEndpoint);
        Assert.Equal(new CommandEndpointSettings("127.0.0.1", 9110, ""), lighthouse.CommandEndpoint);
        Assert.False(node.CommandEndpoint.RequiresToken);
    }

    [Theory]
    [InlineData("127.0.0.2")]
    [InlineData("::1")]
    [InlineData("localhost")]
    public void CommandEndpoint_should_need_no_token_on_any_loopback_address(string host)
    {
        Assert.Equal(host, Node("--cmd-host", host).CommandEndpoint.Host);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("192.168.1.20")]
    [InlineData("nas.home")]
    public void CommandEndpoint_should_refuse_to_open_wider_than_loopback_without_a_token(string host)
    {
        var error = Assert.Throws<SettingsException>(() => Node("--cmd-host", host));

        Assert.Equal($"--cmd-host: the ccm endpoint on '{host}' would take commands from other machines; "
            + "set a token with --cmd-token or CMD_TOKEN, or bind it to 127.0.0.1", error.Message);
    }

    [Fact]
    public void CommandEndpoint_should_open_wider_with_a_token_from_the_environment()
    {
        var lighthouse = Lighthouse(new() { ["CMD_HOST"] = "0.0.0.0", ["CMD_TOKEN"] = Token, ["CMD_PORT"] = "9200" });

        Assert.Equal(new CommandEndpointSettings("0.0.0.0", 9200, Token), lighthouse.CommandEndpoint);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("sixteen chars ok")]
    public void CommandEndpoint_should_refuse_a_short_token_or_one_with_spaces(string token)
    {
        var error = Assert.Throws<SettingsException>(() => Node("--cmd-token", token));

        Assert.StartsWith("--cmd-token: the ccm token needs at least 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandEndpoint_should_keep_its_token_out_of_logs()
    {
        var settings = Node("--cmd-token", Token);

        Assert.DoesNotContain(Token, settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, settings.CommandEndpoint.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lighthouse_should_refuse_a_command_port_equal_to_its_cluster_port()
    {
        var error = Assert.Throws<SettingsException>(() => Lighthouse(new() { ["CMD_PORT"] = "4053" }));

        Assert.Contains("must differ", error.Message, StringComparison.Ordinal);
    }
}

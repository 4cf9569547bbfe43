namespace CommunityCluster.Ccm.Tests;

public sealed class CcmOptionsSpecs
{
    private static CcmOptions Parse(string line, string? token = null) =>
        CcmOptions.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            name => name == "CMD_TOKEN" ? token : null);

    [Fact]
    public void CcmOptions_should_default_to_loopback_9110_and_10_seconds()
    {
        var options = Parse("cluster show");

        Assert.Equal("127.0.0.1:9110", options.Endpoint);
        Assert.Equal(["cluster", "show"], options.Words);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
        Assert.Null(options.Token);
        Assert.False(options.Json);
    }

    [Theory]
    [InlineData("nas.home:9111 cluster show", "nas.home:9111")]
    [InlineData("[::1]:9111 cluster show", "[::1]:9111")]
    [InlineData("10.0.0.5:9110 cluster show", "10.0.0.5:9110")]
    public void CcmOptions_should_take_a_first_host_and_port_as_the_endpoint(string line, string endpoint)
    {
        var options = Parse(line);

        Assert.Equal(endpoint, options.Endpoint);
        Assert.Equal(["cluster", "show"], options.Words);
    }

    [Fact]
    public void CcmOptions_should_keep_its_options_and_pass_the_rest_to_the_member()
    {
        var options = Parse("cluster down --json -a 127.0.0.1:4055 --timeout=2.5 --token abcdefghijklmnopq",
            token: "from-env");

        Assert.Equal(["cluster", "down", "-a", "127.0.0.1:4055"], options.Words);
        Assert.True(options.Json);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Timeout);
        Assert.Equal("abcdefghijklmnopq", options.Token);
    }

    [Fact]
    public void CcmOptions_should_read_the_token_from_CMD_TOKEN()
    {
        Assert.Equal("from-the-environment", Parse("cluster show", token: "from-the-environment").Token);
    }

    [Theory]
    [InlineData("help cluster")]
    [InlineData("cluster --help")]
    [InlineData("cluster down -h")]
    public void CcmOptions_should_see_help_at_any_level(string line)
    {
        Assert.True(Parse(line).Help);
    }

    [Theory]
    [InlineData("cluster show --timeout soon", "--timeout 'soon' is not a number of seconds")]
    [InlineData("cluster show --timeout", "option '--timeout' needs a value")]
    [InlineData("cluster show --token", "option '--token' needs a value")]
    public void CcmOptions_should_refuse_a_bad_option_as_a_usage_error(string line, string message)
    {
        var failure = Assert.Throws<CcmException>(() => Parse(line));

        Assert.Equal(CcmExitCodes.Usage, failure.ExitCode);
        Assert.StartsWith(message, failure.Message, StringComparison.Ordinal);
    }
}

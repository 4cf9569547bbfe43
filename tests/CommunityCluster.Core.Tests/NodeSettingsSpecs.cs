using System.Collections;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Core.Tests;

public class NodeSettingsSpecs
{
    private static NodeSettings Parse(string[]? args = null, Dictionary<string, string>? env = null, string? json = null) =>
        NodeSettings.Parse(args ?? [], new Hashtable(env ?? []), json, "test-machine");

    [Fact]
    public void NodeSettings_should_default_to_a_community_of_one_on_loopback()
    {
        var settings = Parse();

        Assert.Empty(settings.Seeds);
        Assert.Equal("127.0.0.1", settings.Host);
        Assert.Equal("127.0.0.1", settings.AdvertisedHost);
        Assert.Equal(4054, settings.Port);
        Assert.Equal(["web", "photos", "thumbs", "meta"], settings.Roles);
        Assert.Equal("test-machine", settings.HomeId);
        Assert.Equal(Path.GetFullPath("./data"), settings.DataDirectory);
        Assert.Null(settings.StorageQuota);
        Assert.Equal(8080, settings.HttpPort);
        Assert.Equal(9110, settings.CmdPort);
    }

    [Fact]
    public void NodeSettings_should_take_flags_over_environment_over_appsettings()
    {
        var json = """{ "CommunityCluster": { "Port": 5001, "HttpPort": 5101, "Home": "from-json", "Roles": ["web", "meta"] } }""";
        var env = new Dictionary<string, string> { ["CLUSTER_PORT"] = "5002", ["HOME_ID"] = "from-env" };
        string[] args = ["--port", "5003"];

        var settings = Parse(args, env, json);

        Assert.Equal(5003, settings.Port);
        Assert.Equal("from-env", settings.HomeId);
        Assert.Equal(5101, settings.HttpPort);
        Assert.Equal(["web", "meta"], settings.Roles);
    }

    [Fact]
    public void NodeSettings_should_read_every_flag_in_both_spellings()
    {
        string[] args =
        [
            "--seeds=akka.tcp://community@10.0.0.1:4053,lighthouse:4053", "--host", "0.0.0.0", "--public-host=nas.home",
            "--port", "4100", "--roles", "photos", "--home", "dupont", "--data", "/tmp/cc-data",
            "--storage-quota", "20GB", "--http-port", "8100", "--cmd-port", "9100",
        ];

        var settings = Parse(args);

        Assert.Equal(["akka.tcp://community@10.0.0.1:4053", "akka.tcp://community@lighthouse:4053"],
            settings.Seeds.Select(s => s.ToString()));
        Assert.Equal("0.0.0.0", settings.Host);
        Assert.Equal("akka.tcp://community@nas.home:4100", settings.SelfAddress);
        Assert.Equal(["photos"], settings.Roles);
        Assert.Equal("dupont", settings.HomeId);
        Assert.Equal("/tmp/cc-data", settings.DataDirectory);
        Assert.Equal(20_000_000_000, settings.StorageQuota?.Bytes);
        Assert.Equal((8100, 9100), (settings.HttpPort, settings.CmdPort));
    }

    [Theory]
    [InlineData(new[] { "--seeds", "not a seed" }, "is not a seed address")]
    [InlineData(new[] { "--seeds", "akka.tcp://community@host:99999" }, "outside 1-65535")]
    [InlineData(new[] { "--roles", "web,cooking" }, "unknown role 'cooking'")]
    [InlineData(new[] { "--storage-quota", "lots" }, "'lots' is not a size")]
    [InlineData(new[] { "--storage-quota", "-5GB" }, "is not a size")]
    [InlineData(new[] { "--port", "http" }, "'http' is not a port")]
    [InlineData(new[] { "--port", "0" }, "'0' is not a port")]
    [InlineData(new[] { "--frobnicate" }, "unknown option '--frobnicate'")]
    [InlineData(new[] { "--port" }, "option '--port' needs a value")]
    [InlineData(new[] { "--home", "a/b" }, "not a valid home id")]
    [InlineData(new[] { "--http-port", "4054" }, "must differ")]
    [InlineData(new[] { "--host", "bad host!" }, "not a host name")]
    [InlineData(new[] { "--host", "0.0.0.0" }, "binding 0.0.0.0 needs --public-host")]
    public void NodeSettings_should_refuse_a_bad_flag_with_one_clear_line(string[] args, string expected)
    {
        var error = Assert.Throws<SettingsException>(() => Parse(args));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void NodeSettings_should_name_the_environment_variable_that_is_wrong()
    {
        var env = new Dictionary<string, string> { ["STORAGE_QUOTA"] = "ten" };

        var error = Assert.Throws<SettingsException>(() => Parse(env: env));

        Assert.StartsWith("STORAGE_QUOTA:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "CommunityCluster": { "Colour": "blue" } }""", "unknown setting \"Colour\"")]
    [InlineData("""{ "CommunityCluster": [] }""", "must be an object")]
    [InlineData("""{ not json""", "not valid JSON")]
    public void NodeSettings_should_refuse_a_bad_appsettings_file(string json, string expected)
    {
        var error = Assert.Throws<SettingsException>(() => Parse(json: json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_should_list_every_flag_and_variable_with_its_default()
    {
        var help = SettingsReader.Help("node", "test", NodeSettings.Definitions);

        foreach (var definition in NodeSettings.Definitions)
        {
            Assert.Contains(definition.Flag, help, StringComparison.Ordinal);
            Assert.Contains(definition.EnvironmentVariable, help, StringComparison.Ordinal);
        }

        Assert.Contains("(default: 4054)", help, StringComparison.Ordinal);
    }
}

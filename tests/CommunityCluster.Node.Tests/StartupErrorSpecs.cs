using System.Net;
using System.Net.Sockets;
using CommunityCluster.Testing;

namespace CommunityCluster.Node.Tests;

/// <summary>
/// Every bad setting ends the node at once: exit code 2, one line on stderr naming the problem,
/// never a stack trace (DESIGN.md section 4).
/// </summary>
public sealed class StartupErrorSpecs : IDisposable
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(30);
    private readonly TestFolder _folder = new(nameof(StartupErrorSpecs));

    public void Dispose() => _folder.Dispose();

    private async Task<(int ExitCode, string Stderr)> RunNode(Action<NodeProcess> configure)
    {
        await using var node = new NodeProcess("node", _folder.Combine(Guid.NewGuid().ToString("N")), "home", []);
        configure(node);

        node.Start();
        var exitCode = await node.WaitForExitAsync(ExitWithin);

        return (exitCode, node.StandardError);
    }

    private static void AssertOneClearLine(string stderr, string expected)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{stderr}");
        Assert.StartsWith("communitycluster-node: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CLUSTER_SEEDS", "lighthouse", "'lighthouse' is not a seed address")]
    [InlineData("CLUSTER_ROLES", "web,gallery", "unknown role 'gallery'")]
    [InlineData("STORAGE_QUOTA", "a lot", "'a lot' is not a size")]
    [InlineData("CLUSTER_PORT", "forty", "'forty' is not a port")]
    [InlineData("PLACEMENT", "by-luck", "PLACEMENT: unknown placement 'by-luck'; use coverage, random")]
    [InlineData("ABSENCE_GRACE", "a while", "ABSENCE_GRACE: 'a while' is not a duration")]
    [InlineData("OFF_HOURS", "nights", "OFF_HOURS: 'nights' is not an off window")]
    [InlineData("OFF_HOURS", "25:00-07:00", "OFF_HOURS: '25:00-07:00'")]
    [InlineData("TIME_SCALE", "0.5", "TIME_SCALE: '0.5' is not a time scale from 1 to 100000")]
    [InlineData("TIME_SCALE", "fast", "TIME_SCALE: 'fast' is not a time scale")]
    public async Task Node_should_exit_2_on_a_bad_environment_setting(string variable, string value, string expected)
    {
        var (exitCode, stderr) = await RunNode(node => node.Environment[variable] = value);

        Assert.Equal(2, exitCode);
        AssertOneClearLine(stderr, expected);
    }

    [Fact]
    public async Task Node_should_exit_2_on_an_unknown_flag()
    {
        var (exitCode, stderr) = await RunNode(node => node.Arguments.Add("--colour=blue"));

        Assert.Equal(2, exitCode);
        AssertOneClearLine(stderr, "unknown option '--colour'");
    }

    [Fact]
    public async Task Node_should_exit_2_when_its_cluster_port_is_in_use()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var (exitCode, stderr) = await RunNode(node => node.Arguments.AddRange(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]));

        Assert.Equal(2, exitCode);
        AssertOneClearLine(stderr, $"cluster port (--port, CLUSTER_PORT) {port} on 127.0.0.1 is already in use");
    }

    [Fact]
    public async Task Node_should_exit_2_when_its_http_port_is_in_use()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var (exitCode, stderr) = await RunNode(node => node.Environment["HTTP_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, exitCode);
        AssertOneClearLine(stderr, $"HTTP port (--http-port, HTTP_PORT) {port}");
    }

    [Fact]
    public async Task Node_should_exit_2_when_its_data_folder_cannot_be_written()
    {
        // Tests run as root, for whom permissions do not stop a write; a path through a file does.
        var file = _folder.Combine("not-a-folder");
        await File.WriteAllTextAsync(file, "a file where the data folder's parent should be");

        var (exitCode, stderr) = await RunNode(node => node.Environment["DATA_DIR"] = Path.Combine(file, "data"));

        Assert.Equal(2, exitCode);
        AssertOneClearLine(stderr, $"data folder '{Path.Combine(file, "data")}' cannot be written");
    }

    [Fact]
    public async Task Lighthouse_should_exit_2_on_a_bad_setting()
    {
        await using var lighthouse = new LighthouseProcess(_folder.Combine("lighthouse"));
        lighthouse.Environment["CLUSTER_PORT"] = "99999";

        lighthouse.Start();
        var exitCode = await lighthouse.WaitForExitAsync(ExitWithin);

        Assert.Equal(2, exitCode);
        Assert.Equal("communitycluster-lighthouse: error: CLUSTER_PORT: '99999' is not a port (1-65535)", lighthouse.StandardError.Trim());
    }

    [Fact]
    public async Task Node_should_print_every_setting_for_help_and_exit_0()
    {
        await using var node = new NodeProcess("node", _folder.Combine("help"), "home", []);
        node.Arguments.Add("--help");

        node.Start();
        var exitCode = await node.WaitForExitAsync(ExitWithin);

        Assert.Equal(0, exitCode);
        var output = node.LogText();
        foreach (var variable in new[] { "CLUSTER_SEEDS", "CLUSTER_IP", "CLUSTER_HOSTNAME", "CLUSTER_PORT",
                     "CLUSTER_ROLES", "HOME_ID", "DATA_DIR", "STORAGE_QUOTA", "HTTP_PORT", "CMD_PORT",
                     "PLACEMENT", "ABSENCE_GRACE", "OFF_HOURS", "TIME_SCALE" })
            Assert.Contains(variable, output, StringComparison.Ordinal);
    }
}

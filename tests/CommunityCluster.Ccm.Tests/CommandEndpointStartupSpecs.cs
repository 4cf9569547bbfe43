using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests;

/// <summary>
/// The command endpoint's settings checked before anything starts: exit 2 and one line, like
/// every other bad setting (DESIGN.md section 4). No endpoint is ever opened off loopback here.
/// </summary>
public sealed class CommandEndpointStartupSpecs : IDisposable
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(30);
    private readonly TestFolder _folder = new(nameof(CommandEndpointStartupSpecs));

    public void Dispose() => _folder.Dispose();

    private static async Task<(int ExitCode, string Stderr)> RunAsync(ClusterProcess process)
    {
        await using (process)
        {
            process.Start();
            return (await process.WaitForExitAsync(ExitWithin), process.StandardError);
        }
    }

    private NodeProcess Node() => new("node", _folder.Combine(Guid.NewGuid().ToString("N")), "home", []);

    private static void AssertOneLine(string stderr, string program, string expected)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{stderr}");
        Assert.StartsWith($"{program}: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_should_refuse_an_endpoint_off_loopback_without_a_token()
    {
        var node = Node();
        node.Environment["CMD_HOST"] = "0.0.0.0";

        var (exitCode, stderr) = await RunAsync(node);

        Assert.Equal(2, exitCode);
        AssertOneLine(stderr, "communitycluster-node",
            "CMD_HOST: the ccm endpoint on '0.0.0.0' would take commands from other machines; set a token");
    }

    [Fact]
    public async Task Node_should_refuse_a_short_token()
    {
        var node = Node();
        node.Arguments.AddRange(["--cmd-token", "secret"]);

        var (exitCode, stderr) = await RunAsync(node);

        Assert.Equal(2, exitCode);
        AssertOneLine(stderr, "communitycluster-node",
            "--cmd-token: the ccm token needs at least 16 printable characters");
    }

    [Fact]
    public async Task Node_should_exit_2_when_its_command_port_is_in_use()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var node = Node();
        node.Environment["CMD_PORT"] = port;

        var (exitCode, stderr) = await RunAsync(node);

        Assert.Equal(2, exitCode);
        AssertOneLine(stderr, "communitycluster-node",
            $"command port (--cmd-port, CMD_PORT) {port} on 127.0.0.1 is already in use");
    }

    [Fact]
    public async Task Lighthouse_should_exit_2_when_its_command_port_is_in_use()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var lighthouse = new LighthouseProcess(_folder.Combine("lighthouse"));
        lighthouse.Environment["CMD_PORT"] = port;

        var (exitCode, stderr) = await RunAsync(lighthouse);

        Assert.Equal(2, exitCode);
        AssertOneLine(stderr, "communitycluster-lighthouse",
            $"command port (--cmd-port, CMD_PORT) {port} on 127.0.0.1 is already in use");
    }
}

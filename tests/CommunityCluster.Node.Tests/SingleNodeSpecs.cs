using System.Net;
using CommunityCluster.Testing;

namespace CommunityCluster.Node.Tests;

public sealed class SingleNodeSpecs : IDisposable
{
    private static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(30);
    private readonly TestFolder _folder = new(nameof(SingleNodeSpecs));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Node_started_with_no_arguments_should_be_a_ready_community_of_one()
    {
        // No flags and no setting variables at all: the README's run command. Default ports 4054 and 8080.
        await using var node = new NodeProcess("node", _folder.Combine("default"), "unused", []);
        node.Environment.Clear();
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:8080"), Timeout = TimeSpan.FromSeconds(5) };

        node.Start();
        await Eventually.Until(async () =>
        {
            if (!node.IsRunning)
                throw new ProcessExitedException($"node exited:\n{node.LogTail(20)}");
            using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            return response.StatusCode == HttpStatusCode.OK;
        }, StartWithin, "GET /health/ready on 127.0.0.1:8080 to answer 200");
        await Eventually.Until(() => node.LogText().Contains("FIRST ADMIN:", StringComparison.Ordinal), StartWithin,
            "the first start to print how to sign in");

        // The one line printed at the first start says how to sign in: its password opens the API.
        var hint = node.LogText().Split('\n').Single(l => l.StartsWith("FIRST ADMIN:", StringComparison.Ordinal));
        var password = System.Text.RegularExpressions.Regex.Match(hint, "with password ([A-Za-z0-9]+) ").Groups[1].Value;
        var (status, token) = await MemberCredentials.PostCredentialsAsync(http, "/api/tokens", "admin", password);
        Assert.Equal(HttpStatusCode.Created, status);
        http.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("token").GetString());
        var members = await http.GetStringAsync(new Uri("/api/cluster/members", UriKind.Relative));
        Assert.Contains("http://127.0.0.1:8080/", hint, StringComparison.Ordinal);
        Assert.Equal(1, node.LogText().Split(password).Length - 1);
        Assert.Contains("\"address\":\"akka.tcp://community@127.0.0.1:4054\"", members, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(node.Folder, "data", "ddata")), "the default data folder is ./data");
    }

    [Fact]
    public async Task Node_should_retry_a_seed_it_cannot_reach_and_stay_alive()
    {
        var silentSeed = $"akka.tcp://community@127.0.0.1:{FreePorts.Next()}";
        await using var node = new NodeProcess("node", _folder.Combine("lonely"), "home", [silentSeed]);

        node.Start();
        await Eventually.Until(() => node.LogText().Contains("will try again", StringComparison.Ordinal),
            StartWithin, "the node to log that it retries joining the unreachable seed");

        Assert.True(node.IsRunning, $"the node must keep running:\n{node.LogTail(20)}");
        using var live = await node.Http.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await node.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task Node_should_leave_and_exit_0_on_sigterm()
    {
        await using var node = new NodeProcess("node", _folder.Combine("sigterm"), "home", []);
        node.Start();
        await node.WaitUntilReadyAsync(StartWithin);

        var exitCode = await node.StopGracefullyAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.Contains("Remoting shut down", node.LogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Node_should_refuse_a_malformed_probe_id_with_a_problem()
    {
        await using var node = new NodeProcess("node", _folder.Combine("probe"), "home", []);
        node.Start();
        await node.WaitUntilReadyAsync(StartWithin);

        using var bad = await node.Http.GetAsync(new Uri("/api/cluster/sharding-probe/" + new string('x', 65), UriKind.Relative));
        using var badRole = await node.Http.GetAsync(new Uri("/api/cluster/members?role=chef", UriKind.Relative));
        var good = await node.GetJsonAsync("/api/cluster/sharding-probe/first-entity");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, badRole.StatusCode);
        Assert.Equal(node.Address, good.GetProperty("hostedBy").GetString());
    }
}

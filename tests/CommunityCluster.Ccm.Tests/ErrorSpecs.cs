using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CommunityCluster.Ccm.Tests.Support;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests;

/// <summary>Every failure ends ccm with a non-zero code and one clear line on stderr, and nothing else.</summary>
[Collection(CommunityCollection.Name)]
public sealed class ErrorSpecs(CommunityFixture community)
{
    private static void AssertFailed(CcmRun run, int exitCode, string expected) =>
        CcmAssert.Failed(run, exitCode, expected);

    [Fact]
    public async Task An_unreachable_host_should_exit_3()
    {
        var endpoint = CommunityFixture.Endpoint(FreePorts.Next());

        var run = await CcmRunner.RunAsync(endpoint, "cluster", "show");

        AssertFailed(run, CcmExitCodes.Unreachable, $"cannot reach {endpoint}: Connection refused");
    }

    [Fact]
    public async Task An_endpoint_that_is_not_ccm_should_exit_3()
    {
        var run = await CcmRunner.RunAsync(CommunityFixture.Endpoint(community.Node1.HttpPort), "cluster", "show");

        // The web port asks a member of every route it does not know (security, issue 8): 401, not 404.
        AssertFailed(run, CcmExitCodes.Unreachable, "is not a ccm endpoint: it answered 401");
    }

    [Fact]
    public async Task A_host_that_never_answers_should_exit_5_after_the_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var endpoint = CommunityFixture.Endpoint(((IPEndPoint)silent.LocalEndpoint).Port);
        var clock = Stopwatch.StartNew();

        var run = await CcmRunner.RunAsync(endpoint, "cluster", "show", "--timeout", "1");

        AssertFailed(run, CcmExitCodes.Timeout, $"{endpoint} did not answer within 1 s");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_wrong_or_missing_token_should_exit_4_and_the_right_one_pass()
    {
        var guarded = CommunityFixture.Endpoint(community.Guarded);

        var missing = await CcmRunner.RunAsync(guarded, "cluster", "show");
        var wrong = await CcmRunner.RunAsync(guarded, "cluster", "show", "--token", "not-the-token-at-all");
        var helpWithout = await CcmRunner.RunAsync(guarded, "--help");
        var right = await CcmRunner.RunAsync(guarded, "cluster", "show", "--token", CommunityFixture.Token);
        var fromEnvironment = await CcmRunner.RunAsync([guarded, "cluster", "leader"],
            new Dictionary<string, string> { ["CMD_TOKEN"] = CommunityFixture.Token });

        AssertFailed(missing, CcmExitCodes.Unauthorized, "refused the token");
        AssertFailed(wrong, CcmExitCodes.Unauthorized, "refused the token");
        Assert.Equal(CcmExitCodes.Unauthorized, helpWithout.ExitCode);
        Assert.True(right.ExitCode == 0, right.ToString());
        Assert.Contains(community.Guarded.Address, right.Output, StringComparison.Ordinal);
        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.ToString());
    }

    [Fact]
    public async Task An_unknown_palette_should_exit_2_and_name_the_palettes_there_are()
    {
        var run = await CommunityFixture.CcmAsync(community.Node1, "albums", "list");

        AssertFailed(run, CcmExitCodes.Usage,
            "unknown palette 'albums'; this member offers cluster, node, links, storage, photo, thumbs");
    }

    [Theory]
    [InlineData("cluster shwo", "unknown command 'shwo' in palette 'cluster'; its commands are show, status")]
    [InlineData("cluster", "'cluster' needs a command: show, status")]
    [InlineData("cluster sharding", "unknown command 'sharding' in palette 'cluster'")]
    [InlineData("cluster leave", "'cluster leave' needs <address>")]
    [InlineData("cluster show everything", "unexpected argument 'everything' for 'cluster show'")]
    [InlineData("cluster down --force 127.0.0.1:1", "unknown option '--force' for 'cluster down'")]
    [InlineData("cluster down not-an-address", "'not-an-address' is not a member address")]
    public async Task An_unknown_command_or_bad_argument_should_exit_2(string command, string expected)
    {
        var run = await CcmRunner.RunAsync([CommunityFixture.Endpoint(community.Node1), .. command.Split(' ')]);

        AssertFailed(run, CcmExitCodes.Usage, expected);
    }

    [Theory]
    [InlineData("cluster", "down", "127.0.0.1:1")]
    [InlineData("cluster", "leave", "akka.tcp://community@127.0.0.1:1")]
    [InlineData("node", "profile", "127.0.0.1:1")]
    public async Task An_unknown_member_should_exit_1_and_change_nothing(string palette, string command, string member)
    {
        var run = await CommunityFixture.CcmAsync(community.Node1, palette, command, member);

        AssertFailed(run, CcmExitCodes.Failed,
            "akka.tcp://community@127.0.0.1:1 is not a member of this cluster; members are");
        await community.WaitForBaseMembershipAsync();
    }

    [Fact]
    public async Task Join_should_be_refused_to_a_node_joining_itself()
    {
        var run = await CommunityFixture.CcmAsync(community.Node1, "cluster", "join", community.Node1.Address);

        AssertFailed(run, CcmExitCodes.Failed, "would join itself and start a cluster of its own");
    }

    [Fact]
    public async Task Join_should_be_refused_to_a_node_already_in_the_cluster()
    {
        var run = await CommunityFixture.CcmAsync(community.Node1, "cluster", "join", community.Node2.Address);

        AssertFailed(run, CcmExitCodes.Failed, $"{community.Node1.Address} is already in a cluster (Up)");
    }
}

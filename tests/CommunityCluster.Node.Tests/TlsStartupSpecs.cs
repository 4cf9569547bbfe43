using CommunityCluster.Testing;
using CommunityCluster.Testing.Tls;

namespace CommunityCluster.Node.Tests;

/// <summary>
/// A TLS setting that cannot work ends the node or the lighthouse at once with one line on stderr
/// and exit code 2 (DESIGN.md section 4), before anything listens: never a silent fall back to
/// plain TCP, never a member that fails every handshake later.
/// </summary>
public sealed class TlsStartupSpecs : IDisposable
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(30);
    private readonly TestFolder _folder = new(nameof(TlsStartupSpecs));

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("wrong-password", "cannot be opened: wrong password (TLS_CERT_PASSWORD)")]
    [InlineData("other-ca", "not signed by the community CA")]
    [InlineData("expired", "not valid now")]
    [InlineData("revoked", "is revoked")]
    [InlineData("no-certificate", "TLS_DIR: no certificate at")]
    [InlineData("tls-seed-without-certificate", "is a TLS address, but this member has no certificate")]
    public async Task Node_should_exit_2_on_a_tls_setting_that_cannot_work(string setup, string expected)
    {
        await using var node = new NodeProcess("node", _folder.Combine(setup), "home", []);
        using var ca = new TestCommunityCa(_folder.Combine(setup, "ca"));
        Configure(node, ca, setup);

        node.Start();
        var exitCode = await node.WaitForExitAsync(ExitWithin);

        Assert.Equal(2, exitCode);
        var lines = node.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{node.StandardError}");
        Assert.StartsWith("communitycluster-node: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lighthouse_should_exit_2_on_a_certificate_from_another_ca()
    {
        await using var lighthouse = new LighthouseProcess(_folder.Combine("lighthouse"));
        using var ca = new TestCommunityCa(_folder.Combine("lighthouse", "ca"));
        using var stranger = new TestCommunityCa(_folder.Combine("lighthouse", "stranger"), "stranger");
        var tls = stranger.Issue("lighthouse");
        File.WriteAllText(Path.Combine(tls.Path, "ca.crt"), ca.CaPem);
        lighthouse.UseTls(tls.Path);

        lighthouse.Start();
        var exitCode = await lighthouse.WaitForExitAsync(ExitWithin);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("communitycluster-lighthouse: error: ", lighthouse.StandardError, StringComparison.Ordinal);
        Assert.Contains("not signed by the community CA", lighthouse.StandardError, StringComparison.Ordinal);
    }

    private void Configure(NodeProcess node, TestCommunityCa ca, string setup)
    {
        switch (setup)
        {
            case "wrong-password":
                node.UseTls(ca.Issue("node", password: "right").Path, password: "wrong");
                break;
            case "other-ca":
                using (var stranger = new TestCommunityCa(_folder.Combine(setup, "stranger"), "stranger"))
                {
                    var tls = stranger.Issue("node");
                    File.WriteAllText(Path.Combine(tls.Path, "ca.crt"), ca.CaPem);
                    node.UseTls(tls.Path);
                }

                break;
            case "expired":
                node.UseTls(ca.Issue("node", notBefore: DateTimeOffset.UtcNow.AddDays(-40), validity: TimeSpan.FromDays(30)).Path);
                break;
            case "revoked":
                var revoked = ca.Issue("node");
                revoked.WriteRevocations(revoked);
                node.UseTls(revoked.Path);
                break;
            case "no-certificate":
                node.UseTls(_folder.Combine(setup, "empty"));
                break;
            default:
                node.Environment["CLUSTER_SEEDS"] = "akka.ssl.tcp://community@127.0.0.1:4053";
                break;
        }
    }
}

using System.Security.Cryptography.X509Certificates;
using CommunityCluster.Ccm.Certificates;
using CommunityCluster.Ccm.Tests.Support;
using CommunityCluster.Core.Security;
using CommunityCluster.Core.Settings;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests;

/// <summary>
/// <c>ccm cert</c> offline: a CA, a member's certificate that a node would accept, revocation,
/// the files' permissions, and the one-line errors with their exit codes. No member is contacted.
/// </summary>
public sealed class CertCommandSpecs : IDisposable
{
    private readonly TestFolder _folder = new(nameof(CertCommandSpecs));

    public void Dispose() => _folder.Dispose();

    private string Ca => _folder.Combine("community-ca");

    private static Task<CcmRun> CcmAsync(params string[] args) =>
        CcmRunner.RunAsync(args, new Dictionary<string, string> { [CertCommand.CaPasswordVariable] = "ca-secret" });

    [Fact]
    public async Task Cert_should_create_a_ca_and_issue_a_certificate_a_member_loads()
    {
        var created = await CcmAsync("cert", "ca", "create", "--dir", Ca, "--name", "village");
        var issued = await CcmAsync("cert", "issue", "--node", "dupont", "--ca", Ca, "--out", _folder.Combine("dupont-tls"),
            "--password", "node-secret", "--host", "10.0.0.5", "--days", "90");

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(issued.ExitCode == 0, issued.ToString());
        Assert.Contains("issued CN=dupont, O=CommunityCluster", issued.Output, StringComparison.Ordinal);
        var tls = MemberTls.Load(new TlsSettings(_folder.Combine("dupont-tls"), null, "node-secret", "test"), DateTimeOffset.UtcNow);
        Assert.NotNull(tls);
        Assert.InRange((tls.Certificate.NotAfter.ToUniversalTime() - DateTime.UtcNow).TotalDays, 89, 91);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Cert_should_write_keys_readable_by_their_owner_only()
    {
        await CcmAsync("cert", "ca", "create", "--dir", Ca);
        await CcmAsync("cert", "issue", "--node", "dupont", "--ca", Ca, "--out", _folder.Combine("dupont-tls"));

        var owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(owner, File.GetUnixFileMode(Path.Combine(Ca, TlsFiles.CaKey)));
        Assert.Equal(owner, File.GetUnixFileMode(_folder.Combine("dupont-tls", TlsFiles.MemberCertificate)));
        Assert.True(File.GetUnixFileMode(Path.Combine(Ca, TlsFiles.CaCertificate)).HasFlag(UnixFileMode.OtherRead),
            "the public CA certificate is meant to be copied around");
    }

    [Fact]
    public async Task Cert_revoke_should_add_the_serial_once_and_the_member_should_then_refuse_to_start()
    {
        await CcmAsync("cert", "ca", "create", "--dir", Ca);
        await CcmAsync("cert", "issue", "--node", "dupont", "--ca", Ca, "--out", _folder.Combine("dupont-tls"));
        var certificate = _folder.Combine("dupont-tls", TlsFiles.MemberCertificate);

        var first = await CcmAsync("cert", "revoke", certificate, "--ca", Ca);
        var again = await CcmAsync("cert", "revoke", certificate, "--ca", Ca);
        File.Copy(Path.Combine(Ca, TlsFiles.RevocationList), _folder.Combine("dupont-tls", TlsFiles.RevocationList), overwrite: true);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("already in", again.Output, StringComparison.Ordinal);
        using var member = X509CertificateLoader.LoadPkcs12FromFile(certificate, null);
        Assert.Single(File.ReadAllLines(Path.Combine(Ca, TlsFiles.RevocationList)),
            l => l.StartsWith(RevocationList.Normalize(member.SerialNumber), StringComparison.Ordinal));
        var error = Assert.Throws<SettingsException>(() =>
            MemberTls.Load(new TlsSettings(_folder.Combine("dupont-tls"), null, "", null), DateTimeOffset.UtcNow));
        Assert.Contains("is revoked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cert_show_should_tell_the_subject_serial_and_days_left()
    {
        await CcmAsync("cert", "ca", "create", "--dir", Ca);

        var shown = await CcmAsync("cert", "show", Path.Combine(Ca, TlsFiles.CaCertificate));

        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains("CN=CommunityCluster community CA", shown.Output, StringComparison.Ordinal);
        Assert.Matches(@"days left\s+365[0-9]", shown.Output);
    }

    [Fact]
    public async Task Cert_should_refuse_to_overwrite_a_ca_or_a_certificate_with_exit_1()
    {
        await CcmAsync("cert", "ca", "create", "--dir", Ca);
        await CcmAsync("cert", "issue", "--node", "dupont", "--ca", Ca, "--out", _folder.Combine("dupont-tls"));

        var ca = await CcmAsync("cert", "ca", "create", "--dir", Ca);
        var issue = await CcmAsync("cert", "issue", "--node", "dupont", "--ca", Ca, "--out", _folder.Combine("dupont-tls"));

        Assert.Equal(1, ca.ExitCode);
        Assert.Contains("a new CA would orphan every certificate", ca.Error, StringComparison.Ordinal);
        Assert.Equal(1, issue.ExitCode);
        Assert.Contains("issue into a new --out folder", issue.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cert_issue_should_say_the_ca_password_is_wrong_with_exit_1()
    {
        await CcmAsync("cert", "ca", "create", "--dir", Ca);

        var run = await CcmRunner.RunAsync("cert", "issue", "--node", "dupont", "--ca", Ca, "--ca-password", "guess");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ccm: error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("the CA's password (CCM_CA_PASSWORD or --ca-password) is wrong", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "cert", "issue" }, "cert issue needs --node NAME")]
    [InlineData(new[] { "cert", "issue", "--node", "a b" }, "cert issue needs --node NAME")]
    [InlineData(new[] { "cert", "issue", "--node", "x", "--days", "0" }, "--days '0' is not a whole number from 1 to 3650")]
    [InlineData(new[] { "cert", "ca", "create", "--colour", "blue" }, "unknown option '--colour' for cert ca create")]
    [InlineData(new[] { "cert", "revoke" }, "cert revoke needs one certificate file or serial number")]
    [InlineData(new[] { "cert", "sign" }, "unknown command 'sign' in palette 'cert'")]
    public async Task Cert_should_refuse_bad_arguments_with_exit_2(string[] args, string expected)
    {
        var run = await CcmRunner.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cert_help_should_list_its_four_commands()
    {
        var run = await CcmRunner.RunAsync("cert", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "cert ca create", "cert issue", "cert revoke", "cert show" })
            Assert.Contains("ccm " + command, run.Output, StringComparison.Ordinal);
    }
}

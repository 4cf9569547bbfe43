using System.Security.Cryptography.X509Certificates;
using CommunityCluster.Core.Security;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Core.Tests.Security;

/// <summary>When TLS is on, and the one-line reasons a member refuses to start with it.</summary>
public sealed class MemberTlsSpecs : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly string _folder = Directory.CreateTempSubdirectory("member-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Tls => Path.Combine(_folder, TlsFiles.DataSubfolder);

    private void IssueInto(string password = "")
    {
        using var ca = CommunityAuthority.CreateCa("village", Now, TimeSpan.FromDays(365));
        using var member = CommunityAuthority.Issue(ca, "dupont", [], Now, TimeSpan.FromDays(30));
        Directory.CreateDirectory(Tls);
        File.WriteAllText(Path.Combine(Tls, TlsFiles.CaCertificate), ca.ExportCertificatePem());
        TlsFiles.WritePrivate(Path.Combine(Tls, TlsFiles.MemberCertificate),
            member.Export(X509ContentType.Pkcs12, password.Length == 0 ? null : password));
    }

    [Fact]
    public void Load_should_mean_plain_tcp_when_the_data_folder_has_no_certificate()
    {
        var tls = MemberTls.Load(new TlsSettings(Tls, null, "", null), Now);

        Assert.Null(tls);
    }

    [Fact]
    public void Load_should_turn_tls_on_from_the_data_folder_with_the_password()
    {
        IssueInto("secret");

        using var tls = new DisposableTls(MemberTls.Load(new TlsSettings(Tls, null, "secret", null), Now));

        Assert.Equal("CN=dupont, O=CommunityCluster", tls.Value!.Certificate.Subject);
        Assert.True(tls.Value.Certificate.HasPrivateKey);
    }

    [Fact]
    public void Load_should_refuse_a_wrong_password_in_one_line()
    {
        IssueInto("secret");

        var error = Assert.Throws<SettingsException>(() => MemberTls.Load(new TlsSettings(Tls, null, "guess", null), Now));

        Assert.Contains("wrong password (TLS_CERT_PASSWORD)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_should_refuse_a_folder_with_a_ca_but_no_certificate()
    {
        IssueInto();
        File.Delete(Path.Combine(Tls, TlsFiles.MemberCertificate));

        var error = Assert.Throws<SettingsException>(() => MemberTls.Load(new TlsSettings(Tls, null, "", null), Now));

        Assert.Contains("holds ca.crt but no node.pfx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TlsSettings_should_default_to_the_data_folder_and_mark_explicit_settings()
    {
        var byDefault = NodeSettings.Parse([], new System.Collections.Hashtable(), null, "nas").TlsOrNone;
        var asked = NodeSettings.Parse(["--tls-dir", _folder], new System.Collections.Hashtable(), null, "nas").TlsOrNone;

        Assert.Equal(Path.GetFullPath(Path.Combine("data", "tls")), byDefault.Folder);
        Assert.Null(byDefault.ExplicitOrigin);
        Assert.Equal(_folder, asked.Folder);
        Assert.Equal("--tls-dir", asked.ExplicitOrigin);
    }

    private sealed class DisposableTls(MemberTls? value) : IDisposable
    {
        public MemberTls? Value { get; } = value;

        public void Dispose() => Value?.Certificate.Dispose();
    }
}

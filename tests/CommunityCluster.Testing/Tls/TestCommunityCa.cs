using System.Security.Cryptography.X509Certificates;
using CommunityCluster.Core.Security;

namespace CommunityCluster.Testing.Tls;

/// <summary>
/// A community CA made in a test's own folder, issuing member TLS folders laid out as
/// <c>ccm cert issue</c> lays them out (node.pfx, ca.crt, revoked.txt), through the same code.
/// </summary>
public sealed class TestCommunityCa : IDisposable
{
    private readonly X509Certificate2 _ca;

    public TestCommunityCa(string folder, string name = "test")
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
        // Made 100 days ago, so that a test can issue a certificate that has already expired.
        _ca = CommunityAuthority.CreateCa(name, DateTimeOffset.UtcNow.AddDays(-100), TimeSpan.FromDays(365));
        CaPem = _ca.ExportCertificatePem() + "\n";
        File.WriteAllText(Path.Combine(folder, TlsFiles.CaCertificate), CaPem);
    }

    public string Folder { get; }

    public string CaPem { get; }

    /// <summary>A member's TLS folder under this CA's folder; <paramref name="notBefore"/> in the past makes an expired one.</summary>
    public MemberTlsFolder Issue(string member, string password = "", DateTimeOffset? notBefore = null, TimeSpan? validity = null)
    {
        var folder = Path.Combine(Folder, member + "-tls");
        Directory.CreateDirectory(folder);
        using var issued = CommunityAuthority.Issue(_ca, member, ["127.0.0.1"], notBefore ?? DateTimeOffset.UtcNow,
            validity ?? TimeSpan.FromDays(30));
        TlsFiles.WritePrivate(Path.Combine(folder, TlsFiles.MemberCertificate),
            issued.Export(X509ContentType.Pkcs12, password.Length == 0 ? null : password));
        File.WriteAllText(Path.Combine(folder, TlsFiles.CaCertificate), CaPem);
        return new MemberTlsFolder(folder, issued.SerialNumber, issued.Subject);
    }

    public void Dispose() => _ca.Dispose();
}

/// <summary>One member's TLS folder, with the serial that revokes it.</summary>
public sealed record MemberTlsFolder(string Path, string SerialNumber, string Subject)
{
    /// <summary>Writes <paramref name="revoked"/>' serials as this member's revoked.txt, as an operator copies the list in.</summary>
    public void WriteRevocations(params MemberTlsFolder[] revoked) =>
        File.WriteAllLines(System.IO.Path.Combine(Path, TlsFiles.RevocationList),
            revoked.Select(r => RevocationList.Line(r.SerialNumber, r.Subject, DateTimeOffset.UtcNow)));
}

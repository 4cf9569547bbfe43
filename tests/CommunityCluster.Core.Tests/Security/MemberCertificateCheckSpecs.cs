using System.Security.Cryptography.X509Certificates;
using CommunityCluster.Core.Security;

namespace CommunityCluster.Core.Tests.Security;

/// <summary>The validator every member runs on every peer: the community CA alone decides, with the revocation list.</summary>
public sealed class MemberCertificateCheckSpecs : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly X509Certificate2 _ca = CommunityAuthority.CreateCa("village", Now.AddDays(-10), TimeSpan.FromDays(3650));
    private readonly X509Certificate2 _otherCa = CommunityAuthority.CreateCa("village", Now.AddDays(-10), TimeSpan.FromDays(3650));
    private RevocationList _revoked = RevocationList.Empty;

    public void Dispose()
    {
        _ca.Dispose();
        _otherCa.Dispose();
    }

    private MemberCertificateCheck Check() => new([PublicOnly(_ca)], () => _revoked);

    private static X509Certificate2 PublicOnly(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadCertificate(certificate.RawData);

    [Fact]
    public void Check_should_accept_a_member_certificate_of_the_community_ca()
    {
        using var member = CommunityAuthority.Issue(_ca, "dupont", ["10.0.0.5"], Now, TimeSpan.FromDays(365));

        var verdict = Check().Check(member, Now);

        Assert.True(verdict.Accepted, verdict.Reason);
    }

    [Fact]
    public void Check_should_refuse_a_certificate_of_another_ca_with_the_same_name()
    {
        using var member = CommunityAuthority.Issue(_otherCa, "dupont", [], Now, TimeSpan.FromDays(365));

        var verdict = Check().Check(member, Now);

        Assert.False(verdict.Accepted);
        Assert.Contains("not signed by the community CA", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_should_refuse_an_expired_and_a_not_yet_valid_certificate()
    {
        using var member = CommunityAuthority.Issue(_ca, "dupont", [], Now, TimeSpan.FromDays(30));

        var expired = Check().Check(member, Now.AddDays(31));
        var early = Check().Check(member, Now.AddDays(-2));

        Assert.False(expired.Accepted);
        Assert.Contains("not valid now", expired.Reason, StringComparison.Ordinal);
        Assert.False(early.Accepted);
    }

    [Fact]
    public void Check_should_refuse_a_revoked_certificate_and_no_certificate()
    {
        using var member = CommunityAuthority.Issue(_ca, "dupont", [], Now, TimeSpan.FromDays(365));
        _revoked = RevocationList.Parse(RevocationList.Line(member.SerialNumber, member.Subject, Now), "revoked.txt");

        var revoked = Check().Check(member, Now);
        var none = Check().Check(null, Now);

        Assert.False(revoked.Accepted);
        Assert.Contains("is revoked", revoked.Reason, StringComparison.Ordinal);
        Assert.False(none.Accepted);
    }

    [Fact]
    public void Check_should_refuse_the_ca_certificate_itself()
    {
        var verdict = Check().Check(_ca, Now);

        Assert.False(verdict.Accepted);
        Assert.Contains("is a CA certificate", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_should_accept_members_of_both_cas_while_a_ca_rotation_trusts_both()
    {
        using var old = CommunityAuthority.Issue(_ca, "dupont", [], Now, TimeSpan.FromDays(365));
        using var renewed = CommunityAuthority.Issue(_otherCa, "dupont", [], Now, TimeSpan.FromDays(365));
        var check = new MemberCertificateCheck([PublicOnly(_ca), PublicOnly(_otherCa)], () => RevocationList.Empty);

        Assert.True(check.Check(old, Now).Accepted);
        Assert.True(check.Check(renewed, Now).Accepted);
    }

    [Fact]
    public void Issue_should_not_outlive_its_ca()
    {
        using var shortCa = CommunityAuthority.CreateCa("village", Now, TimeSpan.FromDays(10));

        using var member = CommunityAuthority.Issue(shortCa, "dupont", [], Now, TimeSpan.FromDays(365));

        Assert.Equal(shortCa.NotAfter, member.NotAfter);
    }

    [Fact]
    public void ExpiryNotice_should_warn_from_30_days_before_the_end_only()
    {
        using var member = CommunityAuthority.Issue(_ca, "dupont", [], Now, TimeSpan.FromDays(90));

        Assert.Null(MemberCertificateCheck.ExpiryNotice(member, Now.AddDays(59)));
        Assert.Contains("issue its successor now", MemberCertificateCheck.ExpiryNotice(member, Now.AddDays(61)),
            StringComparison.Ordinal);
    }
}

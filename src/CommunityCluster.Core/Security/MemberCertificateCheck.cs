using System.Security.Cryptography.X509Certificates;

namespace CommunityCluster.Core.Security;

/// <summary>The outcome of checking a member certificate, with the reason in words for the log.</summary>
public sealed record CertificateVerdict(bool Accepted, string Reason)
{
    public static readonly CertificateVerdict Ok = new(true, "accepted");

    public static CertificateVerdict Refused(string reason) => new(false, reason);
}

/// <summary>
/// What makes a certificate a member of this community: a chain to one of the community CAs
/// (and to nothing else: the system's trust store plays no part), valid at this moment, meant
/// for both TLS roles, not a CA itself, and not on the revocation list. Each node runs it on
/// every peer at every handshake, and on its own certificate at startup.
/// </summary>
public sealed class MemberCertificateCheck(X509Certificate2Collection authorities, Func<RevocationList> revocations)
{
    /// <summary>How far ahead an end of validity is warned about, in logs and at startup.</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    public X509Certificate2Collection Authorities { get; } = authorities;

    public CertificateVerdict Check(X509Certificate2? certificate, DateTimeOffset now)
    {
        if (certificate is null)
            return CertificateVerdict.Refused("no certificate was presented");

        if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority))
            return CertificateVerdict.Refused($"{certificate.Subject} is a CA certificate, not a member's");

        if (!HasBothRoles(certificate))
            return CertificateVerdict.Refused(
                $"{certificate.Subject} is not issued for TLS server and client authentication");

        var chainError = ChainError(certificate, now);
        if (chainError is not null)
            return CertificateVerdict.Refused(
                $"{certificate.Subject} (serial {certificate.SerialNumber}): {chainError}");

        if (revocations().IsRevoked(certificate.SerialNumber))
            return CertificateVerdict.Refused($"{certificate.Subject} (serial {certificate.SerialNumber}) is revoked");

        return CertificateVerdict.Ok;
    }

    /// <summary>A warning if <paramref name="certificate"/> ends within <see cref="ExpiryWarning"/>, else null.</summary>
    public static string? ExpiryNotice(X509Certificate2 certificate, DateTimeOffset now)
    {
        var left = new DateTimeOffset(certificate.NotAfter.ToUniversalTime()) - now;
        if (left > ExpiryWarning)
            return null;

        var end = certificate.NotAfter.ToUniversalTime();
        return $"{certificate.Subject} (serial {certificate.SerialNumber}) expires {end:yyyy-MM-dd HH:mm} UTC, "
            + $"in {Math.Max(0, left.TotalDays):0.#} days; issue its successor now (README, \"Rotating certificates\")";
    }

    private string? ChainError(X509Certificate2 certificate, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(Authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // revoked.txt is the community's list
        chain.ChainPolicy.DisableCertificateDownloads = true; // never fetch anything a certificate points at
        chain.ChainPolicy.VerificationTime = now.UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (chain.Build(certificate))
            return null;

        var problems = chain.ChainStatus
            .Where(s => s.Status != X509ChainStatusFlags.NoError)
            .Select(s => Describe(s.Status, certificate))
            .Distinct();
        return string.Join("; ", problems);
    }

    private static string Describe(X509ChainStatusFlags status, X509Certificate2 certificate) => status switch
    {
        X509ChainStatusFlags.NotTimeValid =>
            $"not valid now (valid {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd} "
            + $"to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd} UTC)",
        X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain =>
            $"not signed by the community CA (issuer {certificate.Issuer})",
        X509ChainStatusFlags.NotSignatureValid => "its signature does not verify",
        _ => status.ToString(),
    };

    private static bool HasBothRoles(X509Certificate2 certificate)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().SingleOrDefault();
        if (usages is null)
            return false;

        var oids = usages.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value).ToList();
        return oids.Contains(CommunityAuthority.ServerAuthOid) && oids.Contains(CommunityAuthority.ClientAuthOid);
    }
}

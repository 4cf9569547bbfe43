using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Hosting;
using CommunityCluster.Core.Security;

namespace CommunityCluster.Hosting;

/// <summary>
/// Akka.Remote's TLS settings for a community member: mutual TLS, its own certificate, and the
/// community's validator in place of the system trust store (DESIGN.md fact 11). The validator
/// runs on both sides of every handshake. Where this member dialled, a refusal makes Akka shut
/// this member down (exit code 79); where it answered, the connection is just closed.
/// </summary>
public static class MemberTlsValidation
{
    public static SslOptions SslOptions(MemberTls tls) => new()
    {
        X509Certificate = tls.Certificate,
        RequireMutualAuthentication = true,
        SuppressValidation = false,

        // Members are reached by IP or by a home's changing DNS name; who a peer is comes from the
        // community CA, not from the name it was dialled by.
        ValidateCertificateHostname = false,
        CustomValidator = (certificate, _, peer, _, log) => Validate(tls, certificate, peer, log),
    };

    private static bool Validate(MemberTls tls, X509Certificate2? certificate, string peer, ILoggingAdapter log)
    {
        var now = DateTimeOffset.UtcNow;
        var verdict = tls.Check.Check(certificate, now);
        var problem = tls.Revocations.TakeProblem();
        if (problem is not null)
            log.Warning("TLS: {0}", problem);

        if (!verdict.Accepted)
        {
            log.Warning("TLS peer {0} refused: {1}", peer, verdict.Reason);
            return false;
        }

        var notice = MemberCertificateCheck.ExpiryNotice(certificate!, now);
        if (notice is not null)
            log.Warning("TLS peer {0}: {1}", peer, notice);
        else
            log.Debug("TLS peer {0} accepted: {1} (serial {2})", peer, certificate!.Subject, certificate.SerialNumber);

        return true;
    }
}

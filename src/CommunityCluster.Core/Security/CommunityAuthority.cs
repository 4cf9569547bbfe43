using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CommunityCluster.Core.Security;

/// <summary>
/// The community's certificate authority: creates the CA and issues member certificates with
/// .NET's own X509 APIs (no OpenSSL). Keys are ECDSA P-256: small, fast to make, and accepted by
/// the TLS stacks .NET uses on Linux, Windows and macOS.
/// </summary>
public static class CommunityAuthority
{
    /// <summary>TLS server authentication: a member answers connections.</summary>
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>TLS client authentication: a member dials others (mutual TLS needs both).</summary>
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>A new self-signed CA certificate with its private key.</summary>
    public static X509Certificate2 CreateCa(string communityName, DateTimeOffset now, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(
            new X500DistinguishedName($"CN={Escape(communityName)} community CA, O=CommunityCluster"),
            key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));

        // Back-dated a little, so that a clock a few minutes behind does not see it as not yet valid.
        return request.CreateSelfSigned(now.AddHours(-1), now + validity);
    }

    /// <summary>
    /// A member certificate signed by <paramref name="ca"/>, for both TLS roles, with its private
    /// key. It never outlives the CA: its end is cut to the CA's end when asked for longer.
    /// </summary>
    public static X509Certificate2 Issue(X509Certificate2 ca, string memberName, IReadOnlyList<string> hosts,
        DateTimeOffset now, TimeSpan validity)
    {
        if (!ca.HasPrivateKey)
            throw new ArgumentException("the CA certificate has no private key; give the CA's ca.pfx", nameof(ca));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(
            new X500DistinguishedName($"CN={Escape(memberName)}, O=CommunityCluster"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(ServerAuthOid), new Oid(ClientAuthOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var names = SubjectAlternativeNames(memberName, hosts);
        if (names is not null)
            request.CertificateExtensions.Add(names);

        var notAfter = now + validity < ca.NotAfter ? now + validity : new DateTimeOffset(ca.NotAfter);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number, as RFC 5280 asks
        using var issued = request.Create(ca, now.AddHours(-1), notAfter, serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>The member's name and the hosts it is reached at, where they are DNS names or IPs.</summary>
    private static X509Extension? SubjectAlternativeNames(string memberName, IReadOnlyList<string> hosts)
    {
        var builder = new SubjectAlternativeNameBuilder();
        var any = false;
        foreach (var name in hosts.Prepend(memberName).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(name, out var ip))
                builder.AddIpAddress(ip);
            else if (Uri.CheckHostName(name) == UriHostNameType.Dns)
                builder.AddDnsName(name);
            else
                continue;

            any = true;
        }

        return any ? builder.Build() : null;
    }

    /// <summary>A name with a character that means something in a distinguished name is quoted.</summary>
    private static string Escape(string name) =>
        name.IndexOfAny([',', '+', '"', '\\', '<', '>', ';', '=']) >= 0
            ? $"\"{name.Replace("\"", "", StringComparison.Ordinal)}\""
            : name;
}

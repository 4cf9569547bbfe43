using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Core.Security;

/// <summary>
/// A member's loaded TLS material: its own certificate with the key, the community CAs it trusts
/// and the revocation list it honours. <see cref="Load"/> checks all of it at startup, so that a
/// bad certificate ends the process with one line and exit code 2 instead of failing handshakes.
/// </summary>
public sealed class MemberTls
{
    private MemberTls(X509Certificate2 certificate, string certificatePath, MemberCertificateCheck check,
        RevocationListFile revocations)
    {
        Certificate = certificate;
        CertificatePath = certificatePath;
        Check = check;
        Revocations = revocations;
    }

    public X509Certificate2 Certificate { get; }

    public string CertificatePath { get; }

    public MemberCertificateCheck Check { get; }

    public RevocationListFile Revocations { get; }

    /// <summary>The material the settings name, or null for plain TCP (no certificate and none asked for).</summary>
    public static MemberTls? Load(TlsSettings settings, DateTimeOffset now)
    {
        var certificatePath = settings.CertificatePath
            ?? (settings.Folder is null ? null : Path.Combine(settings.Folder, TlsFiles.MemberCertificate));
        if (certificatePath is null || !File.Exists(certificatePath))
        {
            RequirePlainIsMeant(settings, certificatePath);
            return null;
        }

        var folder = settings.Folder ?? Path.GetDirectoryName(certificatePath)!;
        var authorities = LoadAuthorities(Path.Combine(folder, TlsFiles.CaCertificate));
        var certificate = LoadCertificate(certificatePath, settings.Password);
        RevocationListFile revocations;
        try
        {
            revocations = new RevocationListFile(Path.Combine(folder, TlsFiles.RevocationList));
        }
        catch (FormatException e)
        {
            throw new SettingsException(e.Message);
        }

        var check = new MemberCertificateCheck(authorities, () => revocations.Current);
        var verdict = check.Check(certificate, now);
        if (!verdict.Accepted)
            throw new SettingsException(
                $"this member's certificate {certificatePath} cannot be used: {verdict.Reason}");

        return new MemberTls(certificate, certificatePath, check, revocations);
    }

    /// <summary>No certificate: fine by default, not where a setting asked for TLS or the folder is half set up.</summary>
    private static void RequirePlainIsMeant(TlsSettings settings, string? certificatePath)
    {
        if (settings.ExplicitOrigin is not null)
            throw new SettingsException(
                $"{settings.ExplicitOrigin}: no certificate at '{certificatePath}' (make one with ccm cert issue)");

        if (settings.Folder is not null && File.Exists(Path.Combine(settings.Folder, TlsFiles.CaCertificate)))
            throw new SettingsException(
                $"'{settings.Folder}' holds {TlsFiles.CaCertificate} but no {TlsFiles.MemberCertificate}; "
                + "copy in the member's certificate, or remove the folder to run without TLS");
    }

    private static X509Certificate2Collection LoadAuthorities(string path)
    {
        if (!File.Exists(path))
            throw new SettingsException(
                $"no community CA certificate at '{path}' (ccm cert issue writes it beside node.pfx)");

        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (CryptographicException e)
        {
            throw new SettingsException($"'{path}' is not a PEM certificate file: {e.Message}");
        }

        if (authorities.Count == 0)
            throw new SettingsException($"'{path}' holds no certificate");

        return authorities;
    }

    private static X509Certificate2 LoadCertificate(string path, string password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password.Length == 0 ? null : password);
        }
        catch (CryptographicException)
        {
            throw new SettingsException(
                $"'{path}' cannot be opened: wrong password (TLS_CERT_PASSWORD) or not a PKCS#12 certificate file");
        }

        if (!certificate.HasPrivateKey)
            throw new SettingsException($"'{path}' holds no private key; give the node.pfx that ccm cert issue wrote");

        return certificate;
    }
}

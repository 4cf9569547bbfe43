using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommunityCluster.Core.Security;

namespace CommunityCluster.Ccm.Certificates;

/// <summary>The four <c>ccm cert</c> commands, each writing its files and a few lines of what it did.</summary>
public sealed class CertActions(TextWriter output, Func<string, string?> environment, DateTimeOffset now)
{
    public const string DefaultCaFolder = "community-ca";

    public int CreateCa(IReadOnlyList<string> words)
    {
        var args = CertArguments.Parse("ca create", words, ["--dir", "--name", "--years", "--password"]);
        RequireNoPositional(args);
        var folder = Path.GetFullPath(args.Get("--dir") ?? DefaultCaFolder);
        var keyPath = Path.Combine(folder, TlsFiles.CaKey);
        if (File.Exists(keyPath))
            throw Failed($"{keyPath} already exists; a new CA would orphan every certificate the old one issued "
                + "(README, \"Rotating the community CA\")");

        var years = args.Number("--years", 10, 50);
        var name = args.Get("--name") ?? "CommunityCluster";
        using var ca = CommunityAuthority.CreateCa(name, now, TimeSpan.FromDays(365.25 * years));

        Directory.CreateDirectory(folder);
        var password = args.Password("--password", CertCommand.CaPasswordVariable, environment);
        TlsFiles.WritePrivate(keyPath, ca.Export(X509ContentType.Pkcs12, NullIfEmpty(password)));
        File.WriteAllText(Path.Combine(folder, TlsFiles.CaCertificate), ca.ExportCertificatePem() + "\n");
        var revoked = Path.Combine(folder, TlsFiles.RevocationList);
        if (!File.Exists(revoked))
            File.WriteAllText(revoked, "# revoked member certificates: one serial number a line (ccm cert revoke)\n");

        output.WriteLine($"community CA {ca.Subject}, serial {ca.SerialNumber}, valid until {Utc(ca.NotAfter)}");
        var advice = password.Length == 0 ? ", and give it a --password" : "";
        output.WriteLine($"  {keyPath}   the CA's private key: keep it offline{advice}");
        output.WriteLine(
            $"  {Path.Combine(folder, TlsFiles.CaCertificate)}   the public certificate every member trusts");
        output.WriteLine($"  {revoked}   the revocation list every member honours");
        return CcmExitCodes.Success;
    }

    public int Issue(IReadOnlyList<string> words)
    {
        var args = CertArguments.Parse("issue", words,
            ["--node", "--ca", "--ca-password", "--out", "--days", "--host", "--password"]);
        RequireNoPositional(args);
        var node = args.Get("--node") is { } name && IsMemberName(name)
            ? name
            : throw CertArguments.Usage("cert issue needs --node NAME (letters, digits, '-', '_' or '.'; at most 64)");
        var caFolder = Path.GetFullPath(args.Get("--ca") ?? DefaultCaFolder);
        var outFolder = Path.GetFullPath(args.Get("--out") ?? $"{node}-tls");
        var certPath = Path.Combine(outFolder, TlsFiles.MemberCertificate);
        if (File.Exists(certPath))
            throw Failed($"{certPath} already exists; issue into a new --out folder, then swap folders "
                + "(README, \"Rotating certificates\")");

        var days = args.Number("--days", 365, 3650);
        using var ca = LoadCa(caFolder, args.Password("--ca-password", CertCommand.CaPasswordVariable, environment));
        using var issued = CommunityAuthority.Issue(ca, node, args.All("--host"), now, TimeSpan.FromDays(days));

        Directory.CreateDirectory(outFolder);
        var password = args.Password("--password", CertCommand.CertPasswordVariable, environment);
        TlsFiles.WritePrivate(certPath, issued.Export(X509ContentType.Pkcs12, NullIfEmpty(password)));
        File.Copy(Path.Combine(caFolder, TlsFiles.CaCertificate), Path.Combine(outFolder, TlsFiles.CaCertificate),
            overwrite: true);
        var revoked = Path.Combine(caFolder, TlsFiles.RevocationList);
        if (File.Exists(revoked))
            File.Copy(revoked, Path.Combine(outFolder, TlsFiles.RevocationList), overwrite: true);

        output.WriteLine($"issued {issued.Subject}, serial {issued.SerialNumber}, valid until {Utc(issued.NotAfter)}");
        output.WriteLine(
            $"  {outFolder}: {TlsFiles.MemberCertificate}, {TlsFiles.CaCertificate}, {TlsFiles.RevocationList}");
        output.WriteLine($"  copy it to the member as DATA_DIR/{TlsFiles.DataSubfolder} (or point TLS_DIR at it)"
            + (password.Length == 0 ? "" : ", and give it TLS_CERT_PASSWORD"));
        return CcmExitCodes.Success;
    }

    public int Revoke(IReadOnlyList<string> words)
    {
        var args = CertArguments.Parse("revoke", words, ["--ca", "--password"]);
        if (args.Positional.Count != 1)
            throw CertArguments.Usage(
                "cert revoke needs one certificate file or serial number: ccm cert revoke <node.pfx|serial>");

        var target = args.Positional[0];
        var (serial, subject) = File.Exists(target)
            ? Describe(LoadAny(target, args.Password("--password", CertCommand.CertPasswordVariable, environment)))
            : IsSerial(target) ? (RevocationList.Normalize(target), "given by serial")
            : throw CertArguments.Usage($"'{target}' is neither a certificate file nor a serial number");

        var listPath = Path.Combine(Path.GetFullPath(args.Get("--ca") ?? DefaultCaFolder), TlsFiles.RevocationList);
        var list = RevocationList.Load(listPath);
        if (list.IsRevoked(serial))
        {
            output.WriteLine($"{subject} (serial {serial}) is already in {listPath}");
            return CcmExitCodes.Success;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(listPath)!);
        File.AppendAllText(listPath, RevocationList.Line(serial, subject, now) + "\n");
        output.WriteLine($"revoked {subject} (serial {serial}) in {listPath}");
        output.WriteLine($"  copy {listPath} into every member's TLS folder; members read it again on change");
        return CcmExitCodes.Success;
    }

    public int Show(IReadOnlyList<string> words)
    {
        var args = CertArguments.Parse("show", words, ["--password"]);
        if (args.Positional.Count != 1 || !File.Exists(args.Positional[0]))
            throw CertArguments.Usage("cert show needs one certificate file that exists: ccm cert show <file>");

        var password = args.Password("--password", CertCommand.CertPasswordVariable, environment);
        using var certificate = LoadAny(args.Positional[0], password);
        var left = new DateTimeOffset(certificate.NotAfter.ToUniversalTime()) - now;
        ViewRenderer.WriteTable(output, [new(""), new("")],
        [
            ["subject", certificate.Subject],
            ["issuer", certificate.Issuer],
            ["serial", certificate.SerialNumber],
            ["thumbprint", certificate.Thumbprint],
            ["valid from", Utc(certificate.NotBefore)],
            ["valid until", Utc(certificate.NotAfter)],
            ["days left", left.TotalDays.ToString("0.#", CultureInfo.InvariantCulture)],
            ["private key", certificate.HasPrivateKey ? "yes" : "no"],
        ]);
        return CcmExitCodes.Success;
    }

    private static X509Certificate2 LoadCa(string folder, string password)
    {
        var path = Path.Combine(folder, TlsFiles.CaKey);
        if (!File.Exists(path))
            throw Failed($"no CA at {path}; make one with ccm cert ca create, or give its folder with --ca");

        var ca = LoadPkcs12(path, password, $"the CA's password ({CertCommand.CaPasswordVariable} or --ca-password)");
        return ca.HasPrivateKey ? ca : throw Failed($"{path} holds no private key");
    }

    /// <summary>A PKCS#12 file with its password, or a PEM or DER certificate.</summary>
    private static X509Certificate2 LoadAny(string path, string password)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (CryptographicException)
        {
            return LoadPkcs12(path, password,
                $"the certificate's password ({CertCommand.CertPasswordVariable} or --password)");
        }
    }

    private static X509Certificate2 LoadPkcs12(string path, string password, string whichPassword)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, NullIfEmpty(password));
        }
        catch (CryptographicException)
        {
            throw Failed($"{path} cannot be opened: {whichPassword} is wrong, or it is not a certificate file");
        }
    }

    private static (string Serial, string Subject) Describe(X509Certificate2 certificate)
    {
        using (certificate)
            return (RevocationList.Normalize(certificate.SerialNumber), certificate.Subject);
    }

    private static string Utc(DateTime time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static bool IsMemberName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsSerial(string text) => text.Length is >= 2 and <= 64 && text.All(char.IsAsciiHexDigit);

    private static void RequireNoPositional(CertArguments args)
    {
        if (args.Positional.Count > 0)
            throw CertArguments.Usage($"unexpected argument '{args.Positional[0]}' for cert {args.Command}");
    }

    private static string? NullIfEmpty(string password) => password.Length == 0 ? null : password;

    private static CcmException Failed(string message) => new(CcmExitCodes.Failed, message);
}

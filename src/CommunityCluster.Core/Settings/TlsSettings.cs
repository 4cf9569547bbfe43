namespace CommunityCluster.Core.Settings;

/// <summary>
/// Where a member finds its node-to-node TLS files. TLS is on when a certificate is found; with
/// none, the member speaks plain TCP as before. An explicit setting (<c>TLS_DIR</c> or
/// <c>TLS_CERT</c>) never falls back to plain TCP: a certificate it names must be there.
/// </summary>
/// <param name="Folder">
/// The folder with <c>ca.crt</c> and <c>revoked.txt</c> (and <c>node.pfx</c> by default); null: the certificate's.
/// </param>
/// <param name="CertificatePath">The member's PKCS#12 file; null: <c>node.pfx</c> in <paramref name="Folder"/>.</param>
/// <param name="Password">The password of that file; empty for none.</param>
/// <param name="ExplicitOrigin">
/// The setting that asked for TLS (e.g. <c>TLS_DIR</c>), or null where TLS comes from the data folder's default.
/// </param>
public sealed record TlsSettings(string? Folder, string? CertificatePath, string Password, string? ExplicitOrigin)
{
    public static readonly TlsSettings None = new(null, null, "", null);

    /// <summary>The three settings both executables take, with the default folder each names in its help.</summary>
    public static IReadOnlyList<SettingDefinition> Definitions(string folderDefault) =>
    [
        new("TlsDir", "--tls-dir", "TLS_DIR", "",
            $"node-to-node TLS: folder with ca.crt, node.pfx and revoked.txt (default: {folderDefault})"),
        new("TlsCert", "--tls-cert", "TLS_CERT", "",
            "this member's certificate, PKCS#12 (default: node.pfx in the TLS folder)"),
        new("TlsCertPassword", "--tls-cert-password", "TLS_CERT_PASSWORD", "", "password of that certificate file"),
    ];

    /// <summary>The settings read; <paramref name="defaultFolder"/> is used where TLS_DIR is not set.</summary>
    public static TlsSettings Parse(IReadOnlyDictionary<string, SettingValue> values, string? defaultFolder)
    {
        var folder = values["TlsDir"];
        var certificate = values["TlsCert"];
        var explicitOrigin = folder.Text.Length > 0 ? folder.Origin
            : certificate.Text.Length > 0 ? certificate.Origin
            : null;

        return new TlsSettings(
            folder.Text.Length > 0 ? Path.GetFullPath(folder.Text) : defaultFolder,
            certificate.Text.Length > 0 ? Path.GetFullPath(certificate.Text) : null,
            values["TlsCertPassword"].Text,
            explicitOrigin);
    }
}

namespace CommunityCluster.Core.Security;

/// <summary>
/// The file names of node-to-node TLS, the same in a node's data folder (<c>DATA_DIR/tls</c>),
/// in the folder <c>ccm cert issue</c> writes, and in the community CA's own folder.
/// </summary>
public static class TlsFiles
{
    /// <summary>The folder under a node's data folder that holds its TLS files.</summary>
    public const string DataSubfolder = "tls";

    /// <summary>The community CA's public certificate (PEM); during a CA rotation it holds both CAs.</summary>
    public const string CaCertificate = "ca.crt";

    /// <summary>The community CA's certificate with its private key: with the operator, never on a node.</summary>
    public const string CaKey = "ca.pfx";

    /// <summary>A member's certificate with its private key (PKCS#12).</summary>
    public const string MemberCertificate = "node.pfx";

    /// <summary>Serial numbers of revoked member certificates, one a line, <c>#</c> starts a comment.</summary>
    public const string RevocationList = "revoked.txt";

    /// <summary>
    /// Writes a file that holds a private key so that only its owner can read it (0600 on Unix).
    /// The file is created with that mode, so the key is never readable by others, not even briefly.
    /// </summary>
    public static void WritePrivate(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        using (var stream = new FileStream(path, options))
            stream.Write(content);

        // An existing file keeps its old mode through FileMode.Create; set it again.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}

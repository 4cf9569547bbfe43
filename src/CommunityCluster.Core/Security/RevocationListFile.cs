namespace CommunityCluster.Core.Security;

/// <summary>
/// A <c>revoked.txt</c> that a running member reads again whenever the file changes, so that an
/// operator who copies a new list into every data folder revokes a certificate with no restart.
/// It is looked at on every TLS handshake (a file stat; handshakes are rare). A list that does not
/// parse is reported and the last good one stays in force, so that a typo revokes nothing new
/// but also un-revokes nothing.
/// </summary>
public sealed class RevocationListFile
{
    private readonly Lock _gate = new();
    private string? _problem;
    private (DateTime Written, long Length)? _stamp;
    private RevocationList _current = RevocationList.Empty;

    /// <param name="path">The list's file; it need not exist (no revocations yet).</param>
    public RevocationListFile(string path)
    {
        Path = path;
        _current = RevocationList.Load(path); // at startup a bad list is a bad setting: let it throw
        _stamp = Stamp();
    }

    public string Path { get; }

    public RevocationList Current
    {
        get
        {
            lock (_gate)
            {
                var stamp = Stamp();
                if (stamp == _stamp)
                    return _current;

                _stamp = stamp;
                try
                {
                    _current = RevocationList.Load(Path);
                }
                catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
                {
                    _problem = $"the revocation list {Path} cannot be read, the previous one stays in force: "
                        + e.Message;
                }

                return _current;
            }
        }
    }

    /// <summary>The last problem met reading the list since the last call, in one line, or null.</summary>
    public string? TakeProblem()
    {
        lock (_gate)
        {
            var problem = _problem;
            _problem = null;
            return problem;
        }
    }

    private (DateTime, long)? Stamp()
    {
        var file = new FileInfo(Path);
        return file.Exists ? (file.LastWriteTimeUtc, file.Length) : null;
    }
}

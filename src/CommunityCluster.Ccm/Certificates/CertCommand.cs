namespace CommunityCluster.Ccm.Certificates;

/// <summary>
/// <c>ccm cert</c>: the community's certificate authority, run offline on the operator's machine
/// (no member is contacted). <c>ca create</c> makes the CA, <c>issue</c> a member's certificate,
/// <c>revoke</c> adds one to the revocation list, <c>show</c> tells what a certificate file holds.
/// Exit codes as for every command: 0 done, 1 could not do it (file exists, wrong password),
/// 2 bad arguments.
/// </summary>
public static class CertCommand
{
    public const string Palette = "cert";

    public const string CaPasswordVariable = "CCM_CA_PASSWORD";

    public const string CertPasswordVariable = "CCM_CERT_PASSWORD";

    public static readonly IReadOnlyList<(string Synopsis, string Meaning)> Commands =
    [
        ("cert ca create [--dir DIR] [--name NAME] [--years N] [--password P]",
            "make the community CA: DIR/ca.pfx (private, keep it offline) and DIR/ca.crt "
            + "(default DIR ./community-ca, 10 years)"),
        ("cert issue --node NAME [--ca DIR] [--ca-password P] [--out DIR] [--days N] [--host H]... [--password P]",
            "issue a member's certificate into OUT (default ./NAME-tls, 365 days): "
            + "copy OUT to the member's DATA_DIR/tls"),
        ("cert revoke <node.pfx|ca.crt-style file|serial> [--ca DIR] [--password P]",
            "add a certificate to DIR/revoked.txt; copy that file to every member's TLS folder"),
        ("cert show <file> [--password P]", "subject, issuer, serial, validity and days left of a certificate file"),
    ];

    public static bool Handles(CcmOptions options) => options.Words.Count > 0 && options.Words[0] == Palette;

    public static int Run(CcmOptions ccm, TextWriter output, Func<string, string?> environment, DateTimeOffset now)
    {
        var words = ccm.Words;
        if (ccm.Help || words.Count < 2)
        {
            WriteHelp(output);
            return ccm.Help ? CcmExitCodes.Success : CcmExitCodes.Usage;
        }

        var actions = new CertActions(output, environment, now);
        try
        {
            return Dispatch(actions, words);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CcmException(CcmExitCodes.Failed, e.Message);
        }
    }

    private static int Dispatch(CertActions actions, IReadOnlyList<string> words) =>
        (words[1], words.Count > 2 ? words[2] : null) switch
        {
            ("ca", "create") => actions.CreateCa(words.Skip(3).ToList()),
            ("issue", _) => actions.Issue(words.Skip(2).ToList()),
            ("revoke", _) => actions.Revoke(words.Skip(2).ToList()),
            ("show", _) => actions.Show(words.Skip(2).ToList()),
            _ => throw CertArguments.Usage(
                $"unknown command '{string.Join(' ', words.Skip(1))}' in palette '{Palette}'; "
                + "its commands are ca create, issue, revoke, show"),
        };

    public static void WriteHelp(TextWriter output)
    {
        output.WriteLine("cert: the community's certificate authority for node-to-node TLS, run offline");
        output.WriteLine();
        output.WriteLine("commands:");
        foreach (var (synopsis, meaning) in Commands)
        {
            output.WriteLine($"  ccm {synopsis}");
            output.WriteLine($"      {meaning}");
        }

        output.WriteLine();
        output.WriteLine(
            $"Passwords may come from {CaPasswordVariable} (the CA's) and {CertPasswordVariable} (a member's)");
        output.WriteLine("instead of the command line. README, \"Node-to-node TLS\", tells how to rotate and revoke.");
    }
}

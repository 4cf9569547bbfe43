namespace CommunityCluster.Commands.Protocol;

/// <summary>
/// The ccm endpoint, version 1: HTTP/JSON on the member's command port.
/// <list type="bullet">
/// <item><c>GET /ccm/v1/catalog</c>: the palettes this member offers (<see cref="CatalogReply"/>).</item>
/// <item><c>POST /ccm/v1/run</c> with a <see cref="RunRequest"/>: a <see cref="RunReply"/>, or for a
/// streaming command one <see cref="StreamItem"/> per line (NDJSON) until the client hangs up.</item>
/// </list>
/// Every request carries <see cref="VersionHeader"/>; failures are problem details with a
/// <see cref="ProblemCodes">code</see>. A changed shape gets a new version path; v1 stays readable.
/// </summary>
public static class CommandProtocol
{
    public const string Version = "v1";

    public const string CatalogPath = "/ccm/v1/catalog";

    public const string RunPath = "/ccm/v1/run";

    /// <summary>
    /// A header that browsers never send on their own: a web page cannot make a simple request
    /// carry it, so a page the operator visits cannot steer a loopback endpoint.
    /// </summary>
    public const string VersionHeader = "Ccm-Protocol";

    public const string JsonMediaType = "application/json";

    public const string StreamMediaType = "application/x-ndjson";

    public const string ProblemMediaType = "application/problem+json";

    public const int DefaultPort = 9110;

    /// <summary>Names the client keeps for itself; no palette may use them for an argument.</summary>
    public static readonly IReadOnlyList<string> ClientOptions = ["--json", "--token", "--timeout", "--help", "-h"];
}

using System.Globalization;
using System.Text.RegularExpressions;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Ccm.Import;

/// <summary>
/// <c>ccm photos import &lt;folder&gt; [--album NAME] [--node HOST:PORT] [--parallel N]
/// [--max-rate RATE] [--report PATH]</c>. The node is its HTTP address (the node's
/// <c>--http-port</c>), not the ccm command endpoint: the photos go through the REST API.
/// </summary>
public sealed partial record ImportOptions(
    string Folder,
    string? Album,
    Uri Node,
    int Parallel,
    long? MaxBytesPerSecond,
    string ReportPath,
    bool Json,
    TimeSpan Timeout,
    string? ApiToken = null)
{
    /// <summary>Where the API token is best given: a flag's value shows in the process list, a variable does not.</summary>
    public const string ApiTokenVariable = "CCM_API_TOKEN";

    public const string DefaultNode = "127.0.0.1:8080";

    public const int DefaultParallel = 2;

    public const int MaxParallel = 16;

    public static readonly IReadOnlyList<(string Option, string Meaning)> Help =
    [
        ("<folder>", "the folder tree to import; photos are told by their content, not their extension"),
        ("--album NAME", "also put every imported or already present photo in this album (made if missing)"),
        ("--node HOST:PORT", $"the HTTP address of the node to send to, its --http-port (default {DefaultNode})"),
        ("--parallel N", $"files sent at once, 1 to {MaxParallel} (default {DefaultParallel})"),
        ("--max-rate RATE", "upload bandwidth cap, e.g. 200KB/s, 1MB/s, 4Mbit/s (default unlimited)"),
        ("--report PATH", "where the per-file report (JSON) goes (default ./ccm-import-<time>.json)"),
        ("--json", "print the report as JSON instead of the summary"),
        ("--api-token TOKEN", $"a member's API token (POST /api/tokens); better in {ApiTokenVariable}, out of ps"),
    ];

    public static ImportOptions Parse(CcmOptions ccm, DateTimeOffset now, Func<string, string?>? environment = null)
    {
        if (ccm.Endpoint != CcmOptions.DefaultEndpoint)
            throw Usage($"photos import sends to a node's HTTP API, not to the ccm endpoint {ccm.Endpoint}; "
                + "give the node's HTTP address with --node host:port");

        var words = ccm.Words.Skip(2).ToList();
        string? folder = null, album = null, report = null, apiToken = environment?.Invoke(ApiTokenVariable);
        var (node, parallel, rate) = (DefaultNode, DefaultParallel, (long?)null);
        for (var i = 0; i < words.Count; i++)
        {
            var (name, inline) = Split(words[i]);
            switch (name)
            {
                case "--album":
                    album = AlbumName(inline ?? Value(words, ref i, name));
                    break;
                case "--node":
                    node = inline ?? Value(words, ref i, name);
                    break;
                case "--parallel":
                    parallel = Parallelism(inline ?? Value(words, ref i, name));
                    break;
                case "--max-rate":
                    rate = Rate(inline ?? Value(words, ref i, name));
                    break;
                case "--report":
                    report = inline ?? Value(words, ref i, name);
                    break;
                case "--api-token":
                    apiToken = inline ?? Value(words, ref i, name);
                    break;
                default:
                    if (name.StartsWith('-') || folder is not null)
                        throw Usage($"unknown option or extra argument '{words[i]}' for photos import");
                    folder = words[i];
                    break;
            }
        }

        return new ImportOptions(
            ExistingFolder(folder), album, NodeUri(node), parallel, rate,
            Path.GetFullPath(report ?? $"ccm-import-{now:yyyyMMdd-HHmmss}.json"), ccm.Json, ccm.Timeout,
            string.IsNullOrWhiteSpace(apiToken) ? null : apiToken.Trim());
    }

    private static string ExistingFolder(string? folder)
    {
        if (folder is null)
            throw Usage("photos import needs the folder to import: ccm photos import <folder>");

        var full = Path.GetFullPath(folder);
        return Directory.Exists(full)
            ? full
            : throw Usage(File.Exists(full) ? $"'{folder}' is a file; give the folder that holds the photos"
                : $"the folder '{folder}' does not exist");
    }

    private static Uri NodeUri(string text) =>
        HostPortPattern().IsMatch(text) && Uri.TryCreate($"http://{text}/", UriKind.Absolute, out var uri)
            ? uri
            : throw Usage($"--node '{text}' is not host:port, e.g. 127.0.0.1:8080 (the node's HTTP port)");

    private static int Parallelism(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxParallel
            ? n
            : throw Usage($"--parallel '{text}' is not a whole number from 1 to {MaxParallel}");

    /// <summary>Bytes per second: <c>unlimited</c>, <c>1MB/s</c>, <c>200KiB/s</c>, <c>4Mbit/s</c>.</summary>
    public static long? Rate(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("unlimited", StringComparison.OrdinalIgnoreCase))
            return null;

        var perSecond = trimmed.EndsWith("/s", StringComparison.OrdinalIgnoreCase) ? trimmed[..^2] : trimmed;
        var bits = BitsPattern().Match(perSecond);
        long bytes;
        if (bits.Success)
            bytes = (long)(double.Parse(bits.Groups["n"].Value, CultureInfo.InvariantCulture)
                * (bits.Groups["unit"].Value.ToUpperInvariant() switch { "K" => 1e3, "M" => 1e6, _ => 1e9 }) / 8);
        else if (ByteSize.TryParse(perSecond, out var size))
            bytes = size.Bytes;
        else
            throw Usage($"--max-rate '{text}' is not a rate; write it like 200KB/s, 1MB/s, 4Mbit/s or unlimited");

        return bytes >= 1024 ? bytes
            : throw Usage($"--max-rate '{text}' is below 1 KiB/s; an import could never finish");
    }

    private static string AlbumName(string name) =>
        name.Trim() is { Length: > 0 and <= 100 } trimmed && !trimmed.Any(char.IsControl)
            ? trimmed
            : throw Usage("--album needs a name of 1 to 100 characters");

    private static (string Name, string? Inline) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (arg[..equals], arg[(equals + 1)..])
            : (arg, null);
    }

    private static string Value(List<string> words, ref int i, string name) =>
        i + 1 < words.Count ? words[++i] : throw Usage($"option '{name}' needs a value");

    private static CcmException Usage(string message) => new(CcmExitCodes.Usage, message);

    [GeneratedRegex(@"^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*):\d{1,5}$")]
    private static partial Regex HostPortPattern();

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<unit>[kKmMgG])bit$")]
    private static partial Regex BitsPattern();
}

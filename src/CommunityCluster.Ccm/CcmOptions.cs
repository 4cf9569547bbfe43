using System.Globalization;
using System.Text.RegularExpressions;
using CommunityCluster.Commands.Protocol;

namespace CommunityCluster.Ccm;

/// <summary>
/// The command line as ccm reads it: <c>ccm [host:port] palette command [arguments] [options]</c>.
/// ccm keeps its own options (<see cref="CommandProtocol.ClientOptions"/>) and passes every other
/// word to the member, which knows its palettes.
/// </summary>
public sealed partial record CcmOptions(
    string Endpoint, IReadOnlyList<string> Words, bool Json, bool Help, string? Token, TimeSpan Timeout)
{
    public const string DefaultEndpoint = "127.0.0.1:9110";

    public const string TokenVariable = "CMD_TOKEN";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static CcmOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var words = new List<string>();
        var (json, help, token, timeout) = (false, false, environment(TokenVariable), DefaultTimeout);
        string? endpoint = null;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            switch (name)
            {
                case "--json":
                    json = true;
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                case "--token":
                    token = inline ?? Value(args, ref i, name);
                    break;
                case "--timeout":
                    timeout = Seconds(inline ?? Value(args, ref i, name));
                    break;
                case "help" when words.Count == 0:
                    help = true;
                    break;
                default:
                    if (endpoint is null && words.Count == 0 && EndpointPattern().IsMatch(args[i]))
                        endpoint = args[i];
                    else
                        words.Add(args[i]);
                    break;
            }
        }

        token = string.IsNullOrEmpty(token) ? null : token;
        return new CcmOptions(endpoint ?? DefaultEndpoint, words, json, help, token, timeout);
    }

    private static (string Name, string? Inline) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0
            ? (arg[..equals], arg[(equals + 1)..])
            : (arg, null);
    }

    private static string Value(IReadOnlyList<string> args, ref int i, string name) =>
        i + 1 < args.Count ? args[++i] : throw new CcmException(CcmExitCodes.Usage, $"option '{name}' needs a value");

    private static TimeSpan Seconds(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            && seconds is > 0 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new CcmException(CcmExitCodes.Usage, $"--timeout '{text}' is not a number of seconds (0 to 3600)");

    /// <summary>host:port or [v6]:port; a palette name never has a colon.</summary>
    [GeneratedRegex(@"^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*):\d{1,5}$")]
    private static partial Regex EndpointPattern();
}

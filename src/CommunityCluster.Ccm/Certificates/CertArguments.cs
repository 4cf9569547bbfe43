using System.Globalization;

namespace CommunityCluster.Ccm.Certificates;

/// <summary>
/// The words after <c>ccm cert &lt;command&gt;</c>: <c>--name value</c> (or <c>--name=value</c>)
/// options, some of which may repeat, and positional arguments. Each command says which options
/// it knows; any other is a usage error naming the command.
/// </summary>
public sealed class CertArguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    private CertArguments(string command) => Command = command;

    public string Command { get; }

    public List<string> Positional { get; } = [];

    public static CertArguments Parse(string command, IReadOnlyList<string> words, IReadOnlyCollection<string> known)
    {
        var arguments = new CertArguments(command);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!word.StartsWith("--", StringComparison.Ordinal))
            {
                arguments.Positional.Add(word);
                continue;
            }

            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? word[..equals] : word;
            if (!known.Contains(name))
                throw Usage($"unknown option '{name}' for cert {command}; it takes {string.Join(", ", known)}");

            var value = equals > 0 ? word[(equals + 1)..]
                : i + 1 < words.Count ? words[++i] : throw Usage($"option '{name}' needs a value");
            if (!arguments._options.TryGetValue(name, out var values))
                arguments._options[name] = values = [];
            values.Add(value);
        }

        return arguments;
    }

    public string? Get(string name) => _options.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> All(string name) => _options.TryGetValue(name, out var values) ? values : [];

    /// <summary>A whole number from 1 to <paramref name="max"/>; <paramref name="fallback"/> if not given.</summary>
    public int Number(string name, int fallback, int max)
    {
        var text = Get(name);
        if (text is null)
            return fallback;

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max
            ? n
            : throw Usage($"{name} '{text}' is not a whole number from 1 to {max}");
    }

    /// <summary>A password from its option, else from the variable, else none (empty).</summary>
    public string Password(string name, string variable, Func<string, string?> environment) =>
        Get(name) ?? environment(variable) ?? "";

    public static CcmException Usage(string message) => new(CcmExitCodes.Usage, message);
}

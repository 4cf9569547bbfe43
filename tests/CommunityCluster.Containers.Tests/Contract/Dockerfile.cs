using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CommunityCluster.Containers.Tests.Contract;

/// <summary>One instruction of a Dockerfile: its keyword and its arguments, continuations joined.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments, int Line);

/// <summary>
/// What a Dockerfile promises at run time, read the way Docker reads it: comment lines dropped,
/// backslash continuations joined, the last stage is the image. Only the forms this project
/// writes are understood; anything else is an error rather than a silent guess.
/// </summary>
public sealed partial record Dockerfile(string Path, IReadOnlyList<DockerInstruction> All, IReadOnlyList<DockerInstruction> RuntimeStage)
{
    /// <summary>The ENV variables of the image, in order, with their defaults.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        RuntimeStage.Where(i => i.Keyword == "ENV")
            .SelectMany(i => ParseEnvironment(i.Arguments, i.Line))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public IReadOnlyList<string> Entrypoint => ExecForm("ENTRYPOINT");

    /// <summary>The HEALTHCHECK command (exec form), or null for an image without one.</summary>
    public IReadOnlyList<string>? HealthCheck
    {
        get
        {
            var instruction = Single("HEALTHCHECK");
            if (instruction is null)
                return null;

            var command = instruction.Arguments.IndexOf("CMD ", StringComparison.Ordinal);
            if (command < 0)
                throw new FormatException($"{Path}:{instruction.Line}: HEALTHCHECK without CMD");

            return JsonArray(instruction.Arguments[(command + 4)..], instruction.Line);
        }
    }

    public IReadOnlyList<string> Volumes =>
        RuntimeStage.Where(i => i.Keyword == "VOLUME").SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

    public IReadOnlyList<int> ExposedPorts =>
        RuntimeStage.Where(i => i.Keyword == "EXPOSE")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    public string? User => Single("USER")?.Arguments;

    public string? StopSignal => Single("STOPSIGNAL")?.Arguments;

    public string? WorkingDirectory => RuntimeStage.LastOrDefault(i => i.Keyword == "WORKDIR")?.Arguments;

    /// <summary>
    /// The folders of <c>runtimes/</c> that the build keeps (<c>find /app/runtimes ... ! -name X</c>),
    /// or null when the build prunes nothing.
    /// </summary>
    public IReadOnlyList<string>? KeptRuntimeFolders
    {
        get
        {
            var prune = All.Where(i => i.Keyword == "RUN" && i.Arguments.Contains("find /app/runtimes", StringComparison.Ordinal)).ToList();
            if (prune.Count == 0)
                return null;

            var clause = prune.Single().Arguments.Split("find /app/runtimes")[1].Split("-exec")[0];
            return KeptName().Matches(clause).Select(m => m.Groups["name"].Value).ToList();
        }
    }

    public static Dockerfile Load(string path) => Parse(path, File.ReadAllText(path));

    public static Dockerfile Parse(string path, string text)
    {
        var stages = new List<List<DockerInstruction>>();
        var all = Instructions(text).ToList();
        foreach (var instruction in all)
        {
            if (instruction.Keyword == "FROM")
                stages.Add([]);
            else if (stages.Count == 0)
            {
                if (instruction.Keyword != "ARG")
                    throw new FormatException($"{path}:{instruction.Line}: {instruction.Keyword} before FROM");
                continue;
            }

            stages[^1].Add(instruction);
        }

        if (stages.Count == 0)
            throw new FormatException($"{path}: no FROM");

        return new Dockerfile(path, all, stages[^1]);
    }

    /// <summary>Instructions as Docker sees them: comment lines go, even inside a continuation.</summary>
    public static IEnumerable<DockerInstruction> Instructions(string text)
    {
        var current = new StringBuilder();
        var start = 0;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1];
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
                continue;

            if (current.Length == 0)
                start = number;

            var continued = trimmed.EndsWith('\\');
            current.Append(continued ? trimmed[..^1] : trimmed).Append(' ');
            if (continued)
                continue;

            var joined = current.ToString().Trim();
            current.Clear();
            var space = joined.IndexOf(' ', StringComparison.Ordinal);
            yield return space < 0
                ? new DockerInstruction(joined.ToUpperInvariant(), "", start)
                : new DockerInstruction(joined[..space].ToUpperInvariant(), joined[(space + 1)..].Trim(), start);
        }

        if (current.Length > 0)
            throw new FormatException($"line {start}: the last instruction ends with a continuation");
    }

    /// <summary>The <c>KEY=value</c> pairs of one ENV instruction; values may be quoted.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ParseEnvironment(string arguments, int line)
    {
        foreach (var word in Words(arguments))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !VariableName().IsMatch(word[..equals]))
                throw new FormatException($"line {line}: ENV '{word}' is not KEY=value (the legacy 'ENV KEY value' form is not used here)");

            yield return new(word[..equals], word[(equals + 1)..]);
        }
    }

    private DockerInstruction? Single(string keyword)
    {
        var found = RuntimeStage.Where(i => i.Keyword == keyword).ToList();
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw new FormatException($"{Path}: {keyword} appears {found.Count} times in the image stage"),
        };
    }

    private IReadOnlyList<string> ExecForm(string keyword)
    {
        var instruction = Single(keyword) ?? throw new FormatException($"{Path}: no {keyword}");
        return JsonArray(instruction.Arguments, instruction.Line);
    }

    private IReadOnlyList<string> JsonArray(string text, int line)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(text.Trim()) ?? [];
        }
        catch (JsonException)
        {
            throw new FormatException($"{Path}:{line}: '{text}' is not the exec (JSON array) form");
        }
    }

    /// <summary>Splits on unquoted whitespace; quotes group and are removed, backslash escapes.</summary>
    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is null && char.IsWhiteSpace(c))
            {
                if (inWord)
                    yield return word.ToString();
                word.Clear();
                inWord = false;
                continue;
            }

            inWord = true;
            if (c == '\\' && quote != '\'' && i + 1 < text.Length)
                word.Append(text[++i]);
            else if (quote is null && c is '"' or '\'')
                quote = c;
            else if (c == quote)
                quote = null;
            else
                word.Append(c);
        }

        if (quote is not null)
            throw new FormatException($"unclosed {quote} in '{text}'");
        if (inWord)
            yield return word.ToString();
    }

    [GeneratedRegex(@"! -name (?<name>\S+)")]
    private static partial Regex KeptName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}

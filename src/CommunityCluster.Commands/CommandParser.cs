using CommunityCluster.Commands.Protocol;

namespace CommunityCluster.Commands;

/// <summary>A command found among the palettes, with its arguments by name.</summary>
public sealed record ParsedCommand(
    Palette Palette, PaletteCommand Command, IReadOnlyDictionary<string, string> Arguments)
{
    public string CommandLine => $"{Palette.Name} {Command.Name}";
}

/// <summary>
/// Reads <c>palette command-words [arguments]</c> against the palettes a member offers. Arguments
/// are positional in the order the command lists them, or named: <c>--address x</c>,
/// <c>--address=x</c>, <c>-a x</c>.
/// Every mistake is a <see cref="CommandException"/> whose message names what is offered instead.
/// </summary>
public static class CommandParser
{
    public static ParsedCommand Parse(IReadOnlyList<Palette> palettes, IReadOnlyList<string> words)
    {
        if (words.Count == 0)
            throw new CommandException(ProblemCodes.UnknownPalette,
                $"no palette given; this member offers {Names(palettes)}");

        var palette = palettes.FirstOrDefault(p => p.Name == words[0])
            ?? throw new CommandException(ProblemCodes.UnknownPalette,
                $"unknown palette '{words[0]}'; this member offers {Names(palettes)}");

        var command = FindCommand(palette, words.Skip(1).ToList());
        var rest = words.Skip(1 + command.Words.Count).ToList();
        return new ParsedCommand(palette, command, ReadArguments($"{palette.Name} {command.Name}", command, rest));
    }

    /// <summary>The command whose words start the rest, the longest when several do.</summary>
    private static PaletteCommand FindCommand(Palette palette, List<string> rest)
    {
        var command = palette.Commands
            .Where(c => c.Words.Count <= rest.Count && c.Words.SequenceEqual(rest.Take(c.Words.Count)))
            .MaxBy(c => c.Words.Count);
        if (command is not null)
            return command;

        var typed = rest.Count == 0 ? "" : $" '{string.Join(' ', rest.TakeWhile(w => !w.StartsWith('-')))}'";
        var offered = string.Join(", ", palette.Commands.Select(c => c.Name));
        throw new CommandException(ProblemCodes.UnknownCommand,
            rest.Count == 0
                ? $"'{palette.Name}' needs a command: {offered}"
                : $"unknown command{typed} in palette '{palette.Name}'; its commands are {offered}");
    }

    private static Dictionary<string, string> ReadArguments(
        string commandLine, PaletteCommand command, List<string> words)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new Queue<ArgumentInfo>(command.Arguments);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (IsOption(word))
            {
                var equals = word.IndexOf('=', StringComparison.Ordinal);
                var option = equals > 0 ? word[..equals] : word;
                var named = command.Arguments.FirstOrDefault(a => option == "--" + a.Name || option == "-" + a.Short)
                    ?? throw new CommandException(ProblemCodes.BadArguments,
                        $"unknown option '{option}' for '{commandLine}'");
                if (equals < 0 && i + 1 >= words.Count)
                    throw new CommandException(ProblemCodes.BadArguments, $"option '{option}' needs a value");

                values[named.Name] = equals > 0 ? word[(equals + 1)..] : words[++i];
                continue;
            }

            while (positional.TryPeek(out var next) && values.ContainsKey(next.Name))
                positional.Dequeue();

            if (!positional.TryDequeue(out var argument))
                throw new CommandException(ProblemCodes.BadArguments,
                    $"unexpected argument '{word}' for '{commandLine}'");

            values[argument.Name] = word;
        }

        var missing = command.Arguments.FirstOrDefault(a => a.Required && !values.ContainsKey(a.Name));
        if (missing is not null)
            throw new CommandException(ProblemCodes.BadArguments,
                $"'{commandLine}' needs <{missing.Name}>: {missing.Summary}");

        return values;
    }

    /// <summary>An option starts with a dash and a letter; "-1" or an address is a value.</summary>
    private static bool IsOption(string word) =>
        word.Length > 1 && word[0] == '-' && (char.IsLetter(word[1]) || word[1] == '-');

    private static string Names(IReadOnlyList<Palette> palettes) => string.Join(", ", palettes.Select(p => p.Name));
}

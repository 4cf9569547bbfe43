using CommunityCluster.Commands.Protocol;

namespace CommunityCluster.Ccm;

/// <summary>
/// <c>--help</c> at every level: ccm itself (grammar, options, exit codes, and the palettes the
/// member offers), one palette, a group of commands (<c>cluster sharding</c>) or one command.
/// The palettes come from the member's catalog, so help never names a command it lacks.
/// </summary>
public static class HelpText
{
    public const string Usage =
        "usage: ccm [host:port] <palette> <command> [arguments] [--json] [--token T] [--timeout S]";

    public static void WriteGeneral(TextWriter output)
    {
        output.WriteLine("ccm: inspect and steer a CommunityCluster community from a terminal");
        output.WriteLine();
        output.WriteLine(Usage);
        output.WriteLine();
        output.WriteLine(
            $"host:port   the command endpoint of a node or lighthouse (default {CcmOptions.DefaultEndpoint})");
        ViewRenderer.WriteTable(output, [new(""), new("")],
        [
            ["  --json", "print the answer as JSON for scripts (one JSON object per line for streams)"],
            ["  --token T", $"the endpoint's token (default: the {CcmOptions.TokenVariable} variable)"],
            ["  --timeout S", $"seconds to wait for an answer (default {CcmOptions.DefaultTimeout.TotalSeconds})"],
            ["  --help, -h", "help for ccm, a palette or a command: ccm cluster --help, ccm cluster down --help"],
        ]);
        output.WriteLine();
        output.WriteLine("ccm's own palettes, which talk to a node's HTTP API or to nothing rather than to a member:");
        output.WriteLine("  photos import <folder>   import a folder of photos (ccm photos import --help)");
        output.WriteLine(
            "  cert ca create | issue | revoke | show   the community CA for node-to-node TLS, offline (ccm cert --help)");
        output.WriteLine();
        output.WriteLine("exit codes:");
        ViewRenderer.WriteTable(output, [new(""), new("")],
            CcmExitCodes.All.Select(e => (IReadOnlyList<string>)["  " + e.Code, e.Meaning]).ToList());
    }

    public static void WritePalettes(TextWriter output, string endpoint, CatalogReply catalog)
    {
        output.WriteLine();
        output.WriteLine($"palettes of {endpoint} ({catalog.Member}, version {catalog.Version}):");
        ViewRenderer.WriteTable(output, [new(""), new("")],
            catalog.Palettes.Select(p => (IReadOnlyList<string>)["  " + p.Name, p.Summary]).ToList());
    }

    /// <summary>Help for the palette and command words given; an unknown one is a usage error.</summary>
    public static void WriteFor(TextWriter output, CatalogReply catalog, IReadOnlyList<string> words)
    {
        var palette = catalog.Palettes.FirstOrDefault(p => p.Name == words[0])
            ?? throw new CcmException(CcmExitCodes.Usage,
                $"unknown palette '{words[0]}'; this member offers "
                + string.Join(", ", catalog.Palettes.Select(p => p.Name)));

        var typed = words.Skip(1).TakeWhile(w => !w.StartsWith('-')).ToList();
        var exact = palette.Commands.FirstOrDefault(c => c.Name == string.Join(' ', typed));
        if (exact is not null)
        {
            WriteCommand(output, palette, exact);
            return;
        }

        var matching = palette.Commands.Where(c => c.Name.Split(' ').Take(typed.Count).SequenceEqual(typed)).ToList();
        if (matching.Count == 0)
            throw new CcmException(CcmExitCodes.Usage,
                $"unknown command '{string.Join(' ', typed)}' in palette '{palette.Name}'; its commands are "
                + string.Join(", ", palette.Commands.Select(c => c.Name)));

        output.WriteLine($"{palette.Name}: {palette.Summary}");
        output.WriteLine();
        output.WriteLine("commands:");
        ViewRenderer.WriteTable(output, [new(""), new("")],
            matching.Select(c => (IReadOnlyList<string>)[$"  {palette.Name} {Synopsis(c)}", c.Summary]).ToList());
        output.WriteLine();
        output.WriteLine($"ccm {palette.Name} <command> --help tells more of one command");
    }

    private static void WriteCommand(TextWriter output, PaletteInfo palette, CommandInfo command)
    {
        output.WriteLine($"usage: ccm [host:port] {palette.Name} {Synopsis(command)} [--json]");
        output.WriteLine();
        output.WriteLine(command.Summary + (command.Streams ? " (a stream: Ctrl-C ends it)" : ""));
        if (command.Arguments.Count == 0)
            return;

        output.WriteLine();
        output.WriteLine("arguments:");
        ViewRenderer.WriteTable(output, [new(""), new("")], command.Arguments.Select(a => (IReadOnlyList<string>)
        [
            $"  <{a.Name}>{(a.Short is null ? "" : $", -{a.Short}")}, --{a.Name}",
            (a.Required ? "" : "optional: ") + a.Summary,
        ]).ToList());
    }

    private static string Synopsis(CommandInfo command) =>
        string.Join(' ', [command.Name, .. command.Arguments.Select(a => a.Required ? $"<{a.Name}>" : $"[{a.Name}]")]);
}

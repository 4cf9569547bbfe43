using CommunityCluster.Commands.Protocol;

namespace CommunityCluster.Commands;

/// <summary>
/// A group of ccm commands under one name (<c>cluster</c>, <c>node</c>, ...). A palette is one
/// class: it lists its commands in <see cref="Define"/> and is added to a member with
/// <see cref="CommandHostExtensions.AddPalette{TPalette}"/>; its constructor takes whatever
/// services it talks to, and a command that a member cannot serve is simply not defined there.
/// </summary>
public abstract class Palette
{
    private readonly Lazy<IReadOnlyList<PaletteCommand>> _commands;

    protected Palette(string name, string summary)
    {
        Name = name;
        Summary = summary;
        _commands = new Lazy<IReadOnlyList<PaletteCommand>>(() => [.. Define()]);
    }

    public string Name { get; }

    public string Summary { get; }

    public IReadOnlyList<PaletteCommand> Commands => _commands.Value;

    public PaletteInfo Describe() =>
        new(Name, Summary, Commands.Select(c => new CommandInfo(c.Name, c.Summary, c.Arguments, c.Streams)).ToList());

    protected abstract IEnumerable<PaletteCommand> Define();

    protected static ArgumentInfo Required(string name, string summary, char? shortName = null) =>
        new(name, summary, Required: true, shortName?.ToString());

    protected static ArgumentInfo Optional(string name, string summary, char? shortName = null) =>
        new(name, summary, Required: false, shortName?.ToString());
}

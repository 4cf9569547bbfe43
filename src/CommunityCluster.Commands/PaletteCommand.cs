using CommunityCluster.Commands.Protocol;

namespace CommunityCluster.Commands;

/// <summary>One command of a palette: its words, its help, its arguments and what it does.</summary>
/// <param name="Name">One or more words: <c>show</c>, <c>sharding regions</c>.</param>
/// <param name="Streams">True when <paramref name="Run"/> answers with a <see cref="CommandStream"/>.</param>
public sealed record PaletteCommand(
    string Name,
    string Summary,
    IReadOnlyList<ArgumentInfo> Arguments,
    Func<CommandContext, Task<CommandOutput>> Run,
    bool Streams = false)
{
    public IReadOnlyList<string> Words { get; } = Name.Split(' ');
}

/// <summary>A parsed invocation: the arguments by name, the time the member may take, and cancellation.</summary>
public sealed class CommandContext(
    string commandLine, IReadOnlyDictionary<string, string> arguments, TimeSpan timeout, CancellationToken cancellation)
{
    /// <summary>Palette and command words, for messages: <c>cluster leave</c>.</summary>
    public string CommandLine { get; } = commandLine;

    public TimeSpan Timeout { get; } = timeout;

    public CancellationToken Cancellation { get; } = cancellation;

    public string? Optional(string name) => arguments.GetValueOrDefault(name);

    /// <summary>A required argument; the parser has already checked that it is there.</summary>
    public string Required(string name) =>
        arguments.TryGetValue(name, out var value)
            ? value
            : throw new CommandException(ProblemCodes.BadArguments, $"'{CommandLine}' needs <{name}>");
}

/// <summary>What a command answers: a <see cref="CommandResult"/> or a <see cref="CommandStream"/>.</summary>
public abstract record CommandOutput;

/// <summary>A finished command: data for scripts, a view for people (see <see cref="RunReply"/>).</summary>
public sealed record CommandResult(object Data, IReadOnlyList<ViewBlock> View) : CommandOutput
{
    public CommandResult(object data, params ViewBlock[] view) : this(data, (IReadOnlyList<ViewBlock>)view)
    {
    }
}

/// <summary>
/// A command that goes on: each event becomes one line, until the client hangs up or an event is
/// <see cref="StreamEvent.Final"/>.
/// </summary>
public sealed record CommandStream(IAsyncEnumerable<StreamEvent> Events) : CommandOutput;

public sealed record StreamEvent(object Data, string Text, bool Final = false);

/// <summary>A command that cannot be done, with its <see cref="ProblemCodes">code</see> (ccm's exit code).</summary>
public sealed class CommandException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

using System.Text.Json;

namespace CommunityCluster.Commands.Protocol;

/// <summary>
/// A command as the operator typed it after the endpoint: palette, command words and arguments.
/// The member parses the words, so a newer member's palettes work with an older client.
/// </summary>
/// <param name="Words">For example <c>["cluster", "down", "127.0.0.1:4056"]</c>.</param>
/// <param name="TimeoutMs">How long the member may take before it answers <see cref="ProblemCodes.Timeout"/>.</param>
public sealed record RunRequest(IReadOnlyList<string> Words, int TimeoutMs);

/// <summary>
/// The answer to a command: <paramref name="Data"/> for scripts (<c>--json</c>), and
/// <paramref name="View"/> for people, which the client prints as aligned tables and lines.
/// </summary>
public sealed record RunReply(JsonElement Data, IReadOnlyList<ViewBlock> View);

/// <summary>
/// A table when <see cref="Columns"/> is set (each row has one cell per column), else lines of text.
/// </summary>
public sealed record ViewBlock(
    string? Title,
    IReadOnlyList<ViewColumn>? Columns,
    IReadOnlyList<IReadOnlyList<string>>? Rows,
    IReadOnlyList<string>? Lines)
{
    public static ViewBlock Table(
        string? title, IReadOnlyList<ViewColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows) =>
        new(title, columns, rows, null);

    public static ViewBlock Text(params string[] lines) => new(null, null, null, lines);
}

/// <summary>A column heading; numbers read best aligned right.</summary>
public sealed record ViewColumn(string Heading, bool AlignRight = false);

/// <summary>One line of a stream: <paramref name="Data"/> for scripts, <paramref name="Text"/> for people.</summary>
/// <param name="Final">The member ends the stream after this item (it is stopping, for instance).</param>
public sealed record StreamItem(JsonElement Data, string Text, bool Final = false);

/// <summary>The <c>code</c> of a problem answer, which the client turns into its exit code.</summary>
public static class ProblemCodes
{
    public const string UnknownPalette = "unknown-palette";
    public const string UnknownCommand = "unknown-command";
    public const string BadArguments = "bad-arguments";
    public const string UnknownMember = "unknown-member";
    public const string NotFound = "not-found";
    public const string Refused = "refused";
    public const string Unauthorized = "unauthorized";
    public const string Timeout = "timeout";
    public const string Failed = "failed";
}

/// <summary>A problem answer (RFC 7807) with the ccm <see cref="Code"/>.</summary>
public sealed record ProblemReply(string Title, int Status, string Detail, string Code);

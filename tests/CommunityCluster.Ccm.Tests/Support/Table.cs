using System.Text.RegularExpressions;

namespace CommunityCluster.Ccm.Tests.Support;

/// <summary>
/// Reads back a table that ccm printed: the heading line that starts with <c>firstHeading</c>,
/// then one row per line until a blank line. Cells are separated by two spaces or more.
/// </summary>
public sealed partial class Table
{
    private Table(IReadOnlyList<string> headings, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Headings = headings;
        Rows = rows;
    }

    public IReadOnlyList<string> Headings { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    public static Table Find(string output, string firstHeading)
    {
        var lines = output.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith(firstHeading, StringComparison.Ordinal));
        if (start < 0)
            throw new InvalidOperationException($"no table headed '{firstHeading}' in:\n{output}");

        var rows = lines.Skip(start + 1).TakeWhile(l => l.Trim().Length > 0).Select(Cells).ToList();
        return new Table(Cells(lines[start]), rows);
    }

    /// <summary>A table of names and values (no heading line): every line of two cells or more.</summary>
    public static IReadOnlyDictionary<string, string> Fields(string output) =>
        output.Replace("\r", "", StringComparison.Ordinal).Split('\n')
            .Select(Cells)
            .Where(cells => cells.Count >= 2)
            .GroupBy(cells => cells[0])
            .ToDictionary(g => g.Key, g => string.Join("  ", g.First().Skip(1)));

    /// <summary>The rows as dictionaries from heading to cell.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Records =>
        Rows.Select(r => (IReadOnlyDictionary<string, string>)Headings.Zip(r).ToDictionary(p => p.First, p => p.Second))
            .ToList();

    private static List<string> Cells(string line) => [.. Gap().Split(line.Trim())];

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Gap();
}

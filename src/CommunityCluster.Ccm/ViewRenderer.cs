using CommunityCluster.Commands.Protocol;

namespace CommunityCluster.Ccm;

/// <summary>
/// Prints what a member answers for people: tables with aligned columns (two spaces apart, numbers
/// to the right, no trailing spaces) and plain lines, a blank line between blocks.
/// </summary>
public static class ViewRenderer
{
    private const string Gap = "  ";

    public static void Write(TextWriter output, IReadOnlyList<ViewBlock> blocks)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            if (i > 0)
                output.WriteLine();

            var block = blocks[i];
            if (block.Title is not null)
                output.WriteLine(block.Title);

            if (block.Columns is not null)
                WriteTable(output, block.Columns, block.Rows ?? []);
            else
                foreach (var line in block.Lines ?? [])
                    output.WriteLine(line);
        }
    }

    public static void WriteTable(
        TextWriter output, IReadOnlyList<ViewColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = columns
            .Select((c, i) => rows.Select(r => Cell(r, i).Length).Append(c.Heading.Length).Max())
            .ToArray();
        if (columns.Any(c => c.Heading.Length > 0))
            output.WriteLine(Line(columns, widths, columns.Select(c => c.Heading).ToList()));

        foreach (var row in rows)
            output.WriteLine(Line(columns, widths, row));
    }

    private static string Line(IReadOnlyList<ViewColumn> columns, int[] widths, IReadOnlyList<string> cells) =>
        string.Join(Gap, columns.Select((c, i) =>
            c.AlignRight ? Cell(cells, i).PadLeft(widths[i]) : Cell(cells, i).PadRight(widths[i]))).TrimEnd();

    private static string Cell(IReadOnlyList<string> row, int index) => index < row.Count ? row[index] : "";
}

using CommunityCluster.Commands.Protocol;
using CommunityCluster.Core.Settings;
using CommunityCluster.Discovery;

namespace CommunityCluster.Commands.Palettes;

/// <summary>
/// The link matrix that discovery measures, printed like the study's tables: one of round-trip
/// times and one of throughputs, a row per measuring member and a column per measured one.
/// This node's row is live; the others are what those members last published.
/// </summary>
public sealed class LinksPalette(CommunityDirectory directory)
    : Palette("links", "how well members reach each other, as discovery measures it")
{
    private const string NotMeasured = "?";

    protected override IEnumerable<PaletteCommand> Define() =>
    [
        new("matrix", "round-trip time (ms) and throughput (Mbit/s) between every pair of members, as two tables",
            [], Matrix),
    ];

    private async Task<CommandOutput> Matrix(CommandContext context)
    {
        var links = await directory.LinksAsync(context.Cancellation);
        var members = await directory.MembersAsync(context.Cancellation);
        var labels = Labels(members);
        var named = members.Select(m => new LinkLabel(labels[m.Address], m.Address)).ToList();
        var data = new LinksMatrix(links.Self, named, links.Rows);

        var columns = members.Select(m => m.Address).ToList();
        var legend = named.Select(m => (IReadOnlyList<string>)
            [m.Label, m.Address + (m.Address == links.Self ? " (this node)" : "")]).ToList();
        return new CommandResult(data,
            Table("round-trip time (ms), from each row to each column", labels, columns, links.Rows,
                l => Views.Figure(l.RoundTripMs)),
            Table("throughput (Mbit/s), from each row to each column", labels, columns, links.Rows,
                l => l.ThroughputMbit is { } mbit ? Views.Figure(mbit) : NotMeasured),
            ViewBlock.Table(null, [Views.Column("LABEL"), Views.Column("MEMBER")], legend),
            ViewBlock.Text($"{NotMeasured}: not measured yet. A lighthouse is measured but measures nothing: no row."));
    }

    private static ViewBlock Table(
        string title, Dictionary<string, string> labels, IReadOnlyList<string> columns,
        IReadOnlyList<LinkRowView> rows, Func<LinkView, string> cell)
    {
        var headings = new List<ViewColumn> { Views.Column("FROM \\ TO") };
        headings.AddRange(columns.Select(c => Views.Number(labels[c])));

        var lines = rows
            .Select(row => (IReadOnlyList<string>)
                [labels.GetValueOrDefault(row.From, row.From), .. columns.Select(to => Cell(row, to, cell))])
            .ToList();
        return ViewBlock.Table(title, headings, lines);
    }

    private static string Cell(LinkRowView row, string to, Func<LinkView, string> cell) =>
        to == row.From ? "-" : row.Links.FirstOrDefault(l => l.To == to) is { } link ? cell(link) : NotMeasured;

    /// <summary>
    /// Short names for the table headings: the home id a node publishes, "lighthouse" for a
    /// lighthouse, else host:port; host:port is added where two members would share a name.
    /// </summary>
    private static Dictionary<string, string> Labels(IReadOnlyList<MemberView> members)
    {
        static string HostPort(string address) => address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..];

        var named = members.ToDictionary(m => m.Address, m =>
            m.Profile?.HomeId ?? (m.Roles.Contains(ServiceRole.LighthouseRole) ? "lighthouse" : HostPort(m.Address)),
            StringComparer.Ordinal);
        var shared = named.Values.GroupBy(n => n, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToHashSet();
        return named.ToDictionary(p => p.Key, p => shared.Contains(p.Value) ? $"{p.Value}@{HostPort(p.Key)}" : p.Value,
            StringComparer.Ordinal);
    }
}

public sealed record LinkLabel(string Label, string Address);

/// <summary>The matrix as <c>GET /api/cluster/links</c> has it, with the labels the tables use.</summary>
public sealed record LinksMatrix(string Self, IReadOnlyList<LinkLabel> Members, IReadOnlyList<LinkRowView> Rows);

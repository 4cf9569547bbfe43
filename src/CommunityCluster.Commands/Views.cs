using System.Globalization;
using CommunityCluster.Commands.Protocol;

namespace CommunityCluster.Commands;

/// <summary>Small helpers for palettes to build what people read; the client aligns it.</summary>
public static class Views
{
    public static ViewColumn Column(string heading) => new(heading);

    public static ViewColumn Number(string heading) => new(heading, AlignRight: true);

    /// <summary>A table of names and values, printed without a heading line.</summary>
    public static ViewBlock Fields(string? title, params (string Name, string Value)[] fields) =>
        ViewBlock.Table(title, [new(""), new("")],
            fields.Select(f => (IReadOnlyList<string>)[f.Name, f.Value]).ToList());

    public static string Count(int count, string noun, string? plural = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? noun : plural ?? noun + "s")}";

    public static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Two significant decimals for small figures, fewer for large ones: 0.42, 12.3, 250.</summary>
    public static string Figure(double value) => value switch
    {
        < 10 => value.ToString("0.00", CultureInfo.InvariantCulture),
        < 100 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0", CultureInfo.InvariantCulture),
    };

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);
}

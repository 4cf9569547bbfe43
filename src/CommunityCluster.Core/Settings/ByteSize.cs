using System.Globalization;
using System.Text.RegularExpressions;

namespace CommunityCluster.Core.Settings;

/// <summary>
/// A number of bytes as people write it: <c>20GB</c>, <c>512 MiB</c>, <c>1.5TB</c>, <c>4096</c>.
/// Decimal units (kB, MB, GB, TB) are powers of 1000 as on a disk's label; binary units
/// (KiB, MiB, GiB, TiB) are powers of 1024.
/// </summary>
public readonly partial record struct ByteSize(long Bytes)
{
    private static readonly Dictionary<string, long> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        [""] = 1,
        ["B"] = 1,
        ["K"] = 1000,
        ["KB"] = 1000,
        ["KIB"] = 1L << 10,
        ["M"] = 1000_000,
        ["MB"] = 1000_000,
        ["MIB"] = 1L << 20,
        ["G"] = 1000_000_000,
        ["GB"] = 1000_000_000,
        ["GIB"] = 1L << 30,
        ["T"] = 1000_000_000_000,
        ["TB"] = 1000_000_000_000,
        ["TIB"] = 1L << 40,
    };

    public static ByteSize FromGigabytes(long gigabytes) => new(gigabytes * 1000_000_000);

    public static bool TryParse(string? text, out ByteSize size)
    {
        size = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;

        var match = SizePattern().Match(text.Trim());
        if (!match.Success || !Units.TryGetValue(match.Groups["unit"].Value, out var unit))
            return false;

        if (!decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var number))
            return false;

        var bytes = number * unit;
        if (bytes <= 0 || bytes > long.MaxValue)
            return false;

        size = new ByteSize((long)bytes);
        return true;
    }

    public override string ToString()
    {
        string[] names = ["B", "kB", "MB", "GB", "TB"];
        var value = (double)Bytes;
        var index = 0;
        while (value >= 1000 && index < names.Length - 1)
        {
            value /= 1000;
            index++;
        }

        return index == 0
            ? $"{Bytes} B"
            : value.ToString("0.##", CultureInfo.InvariantCulture) + " " + names[index];
    }

    [GeneratedRegex(@"^(?<number>\d+(\.\d+)?)\s*(?<unit>[a-zA-Z]*)$")]
    private static partial Regex SizePattern();
}

using System.Globalization;

namespace CommunityCluster.Core.Security;

/// <summary>
/// The serial numbers of revoked member certificates, as <c>revoked.txt</c> holds them: one
/// hexadecimal serial a line, anything after <c>#</c> a comment (<c>ccm cert revoke</c> writes
/// the member's name and the date there). Serials are compared without case or leading zeros.
/// </summary>
public sealed class RevocationList
{
    public static readonly RevocationList Empty = new([]);

    private readonly HashSet<string> _serials;

    private RevocationList(IEnumerable<string> serials) =>
        _serials = new HashSet<string>(serials, StringComparer.Ordinal);

    public int Count => _serials.Count;

    public bool IsRevoked(string serialNumber) => _serials.Contains(Normalize(serialNumber));

    /// <summary>Reads the list's text; a line that is not a hexadecimal serial is an error naming it.</summary>
    public static RevocationList Parse(string text, string origin)
    {
        var serials = new List<string>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var hash = lines[i].IndexOf('#', StringComparison.Ordinal);
            var serial = (hash >= 0 ? lines[i][..hash] : lines[i]).Trim();
            if (serial.Length == 0)
                continue;

            if (!IsHex(serial))
                throw new FormatException(
                    $"{origin} line {i + 1}: '{serial}' is not a certificate serial number (hexadecimal)");

            serials.Add(Normalize(serial));
        }

        return new RevocationList(serials);
    }

    /// <summary>The list in a file, or <see cref="Empty"/> where there is no file.</summary>
    public static RevocationList Load(string path) =>
        File.Exists(path) ? Parse(File.ReadAllText(path), path) : Empty;

    /// <summary>The line <c>ccm cert revoke</c> appends: the serial, then who and when as a comment.</summary>
    public static string Line(string serialNumber, string subject, DateTimeOffset revokedAt) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Normalize(serialNumber)}  # {subject}, revoked {revokedAt:yyyy-MM-dd HH:mm} UTC");

    public static string Normalize(string serial)
    {
        var trimmed = serial.Replace(":", "", StringComparison.Ordinal).Trim().ToUpperInvariant().TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    private static bool IsHex(string text) =>
        text.Replace(":", "", StringComparison.Ordinal).All(char.IsAsciiHexDigit);
}

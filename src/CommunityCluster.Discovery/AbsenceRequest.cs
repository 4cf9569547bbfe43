using System.Globalization;
using System.Text.RegularExpressions;

namespace CommunityCluster.Discovery;

/// <summary>
/// An absence as a person writes it, for <c>ccm node sleep --until</c> and <c>POST /api/community/sleep</c>:
/// a duration (<c>90m</c>, <c>8h</c>, <c>2d</c>) from now, or a date-time (<c>2026-12-24T18:00Z</c>,
/// UTC unless it says otherwise).
/// </summary>
public static partial class AbsenceRequest
{
    public const string Help = "a duration (8h, 90m, 2d) or a date-time (2026-12-24T18:00Z)";

    /// <summary>The message for the profile publisher, or null when the text is neither form.</summary>
    public static AnnounceAbsence? Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        var match = DurationPattern().Match(trimmed);
        if (match.Success)
        {
            var number = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            var span = match.Groups["unit"].Value switch
            {
                "m" => TimeSpan.FromMinutes(number),
                "h" => TimeSpan.FromHours(number),
                _ => TimeSpan.FromDays(number),
            };
            return new AnnounceAbsence(null, span);
        }

        return trimmed.Length > 0 && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var until)
            ? new AnnounceAbsence(until)
            : null;
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)(?<unit>m|h|d)$")]
    private static partial Regex DurationPattern();
}

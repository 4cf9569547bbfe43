using System.Globalization;
using System.Text.RegularExpressions;

namespace CommunityCluster.Core.Settings;

/// <summary>Typed reading of one <see cref="SettingValue"/>, each failure naming where the value came from.</summary>
internal static partial class SettingParsers
{
    public static int Port(SettingValue value)
    {
        if (!int.TryParse(value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
            throw new SettingsException($"{value.Origin}: '{value.Text}' is not a port (1-65535)");

        return port;
    }

    public static int Integer(SettingValue value, int min, int max)
    {
        if (!int.TryParse(value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
            throw new SettingsException($"{value.Origin}: '{value.Text}' is not a whole number from {min} to {max}");

        return number;
    }

    /// <summary>A duration as people write it: <c>90s</c>, <c>15m</c>, <c>24h</c>, <c>7d</c>.</summary>
    public static TimeSpan Duration(SettingValue value)
    {
        var match = DurationPattern().Match(value.Text.Trim());
        if (!match.Success)
            throw new SettingsException($"{value.Origin}: '{value.Text}' is not a duration; write it like 90s, 15m, 24h or 7d");

        var number = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            "h" => TimeSpan.FromHours(number),
            _ => TimeSpan.FromDays(number),
        };
    }

    public static IReadOnlyList<SeedAddress> Seeds(SettingValue value, string systemName)
    {
        var seeds = new List<SeedAddress>();
        foreach (var part in value.Text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!SeedAddress.TryParse(part, systemName, out var seed, out var error))
                throw new SettingsException($"{value.Origin}: {error}");

            seeds.Add(seed!);
        }

        return seeds;
    }

    public static string Host(SettingValue value)
    {
        var text = value.Text.Trim();
        if (!HostPattern().IsMatch(text))
            throw new SettingsException($"{value.Origin}: '{value.Text}' is not a host name or IP address");

        return text.Trim('[', ']');
    }

    /// <summary>
    /// A wildcard bind address (0.0.0.0, ::) is no address a peer can dial: with one, the public
    /// host must say what the others should use, or the node would advertise 0.0.0.0.
    /// </summary>
    public static void RequireDialableAddress(string host, string publicHost, string flag)
    {
        if (publicHost.Length == 0 && host is "0.0.0.0" or "::" or "[::]")
            throw new SettingsException(
                $"binding {host} needs {flag} (CLUSTER_HOSTNAME): the name or address the other homes dial to reach this one");
    }

    public static string Label(SettingValue value, string what)
    {
        var text = value.Text.Trim();
        if (!LabelPattern().IsMatch(text))
            throw new SettingsException(
                $"{value.Origin}: '{value.Text}' is not a valid {what} (letters, digits, '.', '_', '-'; at most 64)");

        return text;
    }

    /// <summary>
    /// The ccm endpoint's token, checked against where the endpoint binds: off loopback a token is
    /// required, so that opening the endpoint wider is never an accident. A token is printable
    /// ASCII without spaces (it travels in an HTTP header) and long enough not to be guessed.
    /// </summary>
    public static string CommandToken(SettingValue token, SettingValue hostValue, string host)
    {
        var text = token.Text;
        if (text.Length == 0)
        {
            if (!CommandEndpointSettings.IsLoopback(host))
                throw new SettingsException(
                    $"{hostValue.Origin}: the ccm endpoint on '{host}' would take commands from other machines; "
                    + "set a token with --cmd-token or CMD_TOKEN, or bind it to 127.0.0.1");

            return "";
        }

        if (text.Length < CommandEndpointSettings.MinimumTokenLength || !TokenPattern().IsMatch(text))
            throw new SettingsException(
                $"{token.Origin}: the ccm token needs at least {CommandEndpointSettings.MinimumTokenLength} "
                + "printable characters and no spaces");

        return text;
    }

    [GeneratedRegex(@"^[\x21-\x7E]+$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:]*:[0-9a-fA-F:.]+|[A-Za-z0-9]([A-Za-z0-9.-]{0,252}))$")]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)(?<unit>ms|s|m|h|d)$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex LabelPattern();
}

using System.Text.RegularExpressions;

namespace CommunityCluster.Core.Settings;

/// <summary>
/// The address of a seed node: <c>akka.tcp://community@host:port</c>. A bare <c>host:port</c> is
/// accepted too and completed with the protocol and the actor system name, since that is what
/// operators type most often.
/// </summary>
public sealed partial record SeedAddress(string Protocol, string SystemName, string Host, int Port)
{
    public const string PlainProtocol = "akka.tcp";

    public const string TlsProtocol = "akka.ssl.tcp";

    public static string ProtocolFor(bool tls) => tls ? TlsProtocol : PlainProtocol;

    /// <summary>
    /// The seeds in the protocol of this member's transport. With TLS on, every seed is dialled over
    /// TLS (a member with TLS speaks nothing else), so <c>akka.tcp</c> and bare seeds become
    /// <c>akka.ssl.tcp</c>; without TLS a TLS seed cannot be reached, which is a bad setting.
    /// </summary>
    public static IReadOnlyList<SeedAddress> ForTransport(IReadOnlyList<SeedAddress> seeds, bool tls)
    {
        var tlsSeed = seeds.FirstOrDefault(s => s.Protocol == TlsProtocol);
        if (!tls && tlsSeed is not null)
            throw new SettingsException(
                $"seed {tlsSeed} is a TLS address, but this member has no certificate (README, \"Node-to-node TLS\")");

        return tls ? [.. seeds.Select(s => s with { Protocol = TlsProtocol })] : seeds;
    }

    public override string ToString() => $"{Protocol}://{SystemName}@{FormatHost(Host)}:{Port}";

    public static bool TryParse(string text, string systemName, out SeedAddress? seed, out string error)
    {
        seed = null;
        var trimmed = text.Trim();

        var full = FullPattern().Match(trimmed);
        var bare = full.Success ? Match.Empty : BarePattern().Match(trimmed);
        if (!full.Success && !bare.Success)
        {
            error = $"'{text}' is not a seed address; expected akka.tcp://{systemName}@host:port or host:port";
            return false;
        }

        var parts = full.Success ? full.Groups : bare.Groups;
        var port = int.Parse(parts["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (port is < 1 or > 65535)
        {
            error = $"'{text}' has port {port}, outside 1-65535";
            return false;
        }

        var protocol = full.Success ? parts["protocol"].Value : "akka.tcp";
        var system = full.Success ? parts["system"].Value : systemName;
        seed = new SeedAddress(protocol, system, parts["host"].Value.Trim('[', ']'), port);
        error = "";
        return true;
    }

    private static string FormatHost(string host) => host.Contains(':') ? $"[{host}]" : host;

    [GeneratedRegex(@"^(?<protocol>akka(\.ssl)?\.tcp)://(?<system>[A-Za-z0-9][\w-]*)@(?<host>\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(?<port>\d{1,5})/?$")]
    private static partial Regex FullPattern();

    [GeneratedRegex(@"^(?<host>\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(?<port>\d{1,5})$")]
    private static partial Regex BarePattern();
}

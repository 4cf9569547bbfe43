using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using CommunityCluster.Commands.Protocol;

namespace CommunityCluster.Commands;

/// <summary>
/// Member addresses as operators type them: in full (<c>akka.tcp://community@10.0.0.5:4054</c>)
/// or as <c>host:port</c>, completed with this member's protocol and actor system name.
/// </summary>
public static class Members
{
    public static Address ParseAddress(string text, Address self)
    {
        if (text.Contains("://", StringComparison.Ordinal))
        {
            try
            {
                var address = Address.Parse(text.TrimEnd('/'));
                if (address.Host is not null && address.Port is not null)
                    return address;
            }
            catch (UriFormatException)
            {
                // reported below with the expected shapes
            }
        }
        else if (TrySplitHostPort(text, out var host, out var port))
        {
            return new Address(self.Protocol, self.System, host, port);
        }

        throw new CommandException(ProblemCodes.BadArguments,
            $"'{text}' is not a member address; write {self.Protocol}://{self.System}@host:port or host:port");
    }

    /// <summary>The current member at <paramref name="text"/>, else a failure naming the members there are.</summary>
    public static Member Resolve(Cluster cluster, string text)
    {
        var address = ParseAddress(text, cluster.SelfAddress);
        var members = cluster.State.Members;
        return members.FirstOrDefault(m => m.Address == address)
            ?? throw new CommandException(ProblemCodes.UnknownMember,
                $"{address} is not a member of this cluster; members are "
                + string.Join(", ", members.Select(m => m.Address)));
    }

    /// <summary>A member's roles, sorted, as <c>/api/cluster/members</c> lists them.</summary>
    public static IReadOnlyList<string> Roles(Member member) => [.. member.Roles.Order(StringComparer.Ordinal)];

    private static bool TrySplitHostPort(string text, out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port)
            || port is < 1 or > 65535)
            return false;

        host = text[..colon].Trim('[', ']');
        return host.Length > 0 && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':');
    }
}

using System.Net;
using System.Net.Sockets;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Commands;

/// <summary>
/// The checks that need the machine before a member starts its command endpoint: the host
/// resolves and the port is free. Each failure is a <see cref="SettingsException"/> of one line,
/// so the member exits 2 before anything starts (DESIGN.md section 4).
/// </summary>
public static class CommandEndpointBinding
{
    public static IPEndPoint Check(CommandEndpointSettings settings)
    {
        var address = Resolve(settings.Host);
        var what = $"command port (--cmd-port, CMD_PORT) {settings.Port} on {address}";
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, settings.Port));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new SettingsException($"{what} is already in use");
        }
        catch (SocketException e)
        {
            throw new SettingsException($"{what} cannot be bound: {e.Message}");
        }

        return new IPEndPoint(address, settings.Port);
    }

    /// <summary>An IP as written, loopback for <c>localhost</c>, else the first address the name resolves to.</summary>
    public static IPAddress Resolve(string host)
    {
        if (IPAddress.TryParse(host, out var ip))
            return ip;

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            return IPAddress.Loopback;

        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault()
                ?? throw new SettingsException($"command host '{host}' resolves to no address");
        }
        catch (SocketException e)
        {
            throw new SettingsException($"command host '{host}' cannot be resolved: {e.Message}");
        }
    }
}

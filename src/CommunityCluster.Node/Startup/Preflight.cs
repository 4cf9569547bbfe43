using System.Net;
using System.Net.Sockets;
using CommunityCluster.Commands;
using CommunityCluster.Core.Security;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Node.Startup;

/// <summary>
/// The checks that need the machine: the ports this node binds are free (the command port on
/// its own host, loopback by default), the data folder can be written, the quota fits, and the
/// TLS certificate (when there is one) opens, is the community's, is valid and is not revoked.
/// Each failure is a <see cref="SettingsException"/> of one line.
/// </summary>
public static class Preflight
{
    public static ResolvedNodeSettings Check(NodeSettings settings)
    {
        var address = BindAddress(settings.Host);
        RequirePortFree(address, settings.Port, "cluster port (--port, CLUSTER_PORT)");
        RequirePortFree(address, settings.HttpPort, "HTTP port (--http-port, HTTP_PORT)");
        CommandEndpointBinding.Check(settings.CommandEndpoint);
        RequireWritable(settings.DataDirectory);
        ClearUnfinishedUploads(settings.DataDirectory);
        var tls = MemberTls.Load(settings.TlsOrNone, DateTimeOffset.UtcNow);

        var free = new DriveInfo(settings.DataDirectory).AvailableFreeSpace;
        var quota = settings.StorageQuota?.Bytes ?? Math.Min(NodeSettings.DefaultQuota.Bytes, free);
        var resolved = new ResolvedNodeSettings(settings, quota, DateTimeOffset.UtcNow, tls);
        _ = resolved.Seeds; // a TLS seed without a certificate is a bad setting: say so now
        return resolved;
    }

    /// <summary>The address to bind: an IP as written, or the first address a host name resolves to.</summary>
    public static IPAddress BindAddress(string host)
    {
        if (IPAddress.TryParse(host, out var ip))
            return ip;

        try
        {
            return Dns.GetHostAddresses(host).FirstOrDefault()
                ?? throw new SettingsException($"host '{host}' resolves to no address");
        }
        catch (SocketException e)
        {
            throw new SettingsException($"host '{host}' cannot be resolved: {e.Message}");
        }
    }

    private static void RequirePortFree(IPAddress address, int port, string what)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new SettingsException($"{what} {port} on {address} is already in use");
        }
        catch (SocketException e)
        {
            throw new SettingsException($"{what} {port} on {address} cannot be bound: {e.Message}");
        }
    }

    /// <summary>Uploads cut short by a crash left temp files; nothing refers to them, so they go.</summary>
    private static void ClearUnfinishedUploads(string dataDirectory)
    {
        var uploads = Path.Combine(dataDirectory, "tmp", "uploads");
        if (Directory.Exists(uploads))
            Directory.Delete(uploads, recursive: true);
    }

    private static void RequireWritable(string dataDirectory)
    {
        try
        {
            Directory.CreateDirectory(dataDirectory);
            var probe = Path.Combine(dataDirectory, $".write-check-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"data folder '{dataDirectory}' cannot be written: {e.Message}");
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace CommunityCluster.Testing;

/// <summary>
/// TCP ports that were free a moment ago on loopback, never the same one twice in a test run,
/// so tests running side by side cannot collide on a port.
/// </summary>
public static class FreePorts
{
    private static readonly HashSet<int> Handed = [];
    private static readonly Lock Gate = new();

    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port))
                    return port;
            }

            throw new InvalidOperationException("no free port found on loopback after 100 attempts");
        }
    }
}

namespace CommunityCluster.Testing;

/// <summary>The lighthouse as a process on loopback with a port of its own.</summary>
public sealed class LighthouseProcess : ClusterProcess
{
    public LighthouseProcess(string folder, string host = "127.0.0.1") : base("lighthouse", Binaries.Lighthouse, folder)
    {
        Host = host;
        Port = FreePorts.Next();
        CmdPort = FreePorts.Next();
        Environment["CLUSTER_IP"] = host;
        Environment["CLUSTER_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Environment["CMD_PORT"] = CmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public int Port { get; }

    public string Host { get; }

    /// <summary>The lighthouse's ccm endpoint, on loopback.</summary>
    public int CmdPort { get; }

    /// <summary><c>akka.ssl.tcp</c> once <see cref="ClusterProcess.UseTls"/> gave it a certificate.</summary>
    public string Address => $"{Protocol}://community@{Host}:{Port}";

    /// <summary>True once the lighthouse has formed the cluster (it logs itself as up).</summary>
    public bool IsUp => LogText().Contains($"Member {Address} is up", StringComparison.Ordinal);
}

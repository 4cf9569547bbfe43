using System.Diagnostics;
using System.Globalization;

namespace CommunityCluster.Soak.Tests;

/// <summary>
/// The soak's own namespaces (root only): a hub namespace with a bridge, one namespace per member
/// (0 the lighthouse, 1..5 the homes) on a veth to it, and a veth from this machine so the soak
/// drives the homes' HTTP APIs. Names carry a random tag and the subnet is drawn at random, so a
/// soak never meets testbed.sh's namespaces or another run's; everything is deleted on dispose.
/// A home is cut by setting its own veth down, and shaped to ADSL by htb classes on both ends of
/// its veth (DESIGN.md fact 9: htb works here, netem does not, so delay is not emulated).
/// </summary>
public sealed class SoakNetwork : IDisposable
{
    private readonly string _tag;
    private readonly int _subnet;
    private readonly List<int> _members = [];

    private SoakNetwork(string tag, int subnet)
    {
        _tag = tag;
        _subnet = subnet;
    }

    private string Hub => $"cs{_tag}hub";

    private string HostDevice => $"cs{_tag}r";

    /// <summary>Why this machine cannot build the namespaces, or null when it can.</summary>
    public static string? Unavailable()
    {
        if (Environment.GetEnvironmentVariable("CC_SOAK_LOOPBACK") == "1")
            return "CC_SOAK_LOOPBACK=1 asked for loopback";
        if (Environment.UserName != "root")
            return "network namespaces and tc need root; this run is not root";

        return Run("sh", "-c", "command -v ip && command -v tc").Code == 0
            ? null
            : "iproute2 (ip, tc) is not installed";
    }

    public static SoakNetwork Create(int members)
    {
        var network = new SoakNetwork(Guid.NewGuid().ToString("N")[..5], Random.Shared.Next(1, 250));
        try
        {
            Must("ip", "netns", "add", network.Hub);
            Must("ip", "-n", network.Hub, "link", "add", "br0", "type", "bridge");
            Must("ip", "-n", network.Hub, "link", "set", "br0", "up");
            for (var member = 0; member < members; member++)
                network.Attach(member);
            Must("ip", "link", "add", network.HostDevice, "type", "veth", "peer", "name", "broot",
                "netns", network.Hub);
            Must("ip", "-n", network.Hub, "link", "set", "broot", "master", "br0", "up");
            Must("ip", "addr", "add", $"{network.Prefix}.254/24", "dev", network.HostDevice);
            Must("ip", "link", "set", network.HostDevice, "up");
        }
        catch
        {
            network.Dispose();
            throw;
        }

        return network;
    }

    private string Prefix => $"10.196.{_subnet.ToString(CultureInfo.InvariantCulture)}";

    public string Address(int member) => $"{Prefix}.{(10 + member).ToString(CultureInfo.InvariantCulture)}";

    public string Namespace(int member) => $"cs{_tag}m{member.ToString(CultureInfo.InvariantCulture)}";

    public IReadOnlyList<string> Launcher(int member) => ["ip", "netns", "exec", Namespace(member)];

    /// <summary>The home's own side of its link goes down: nothing in or out, as an ISP outage.</summary>
    public void Cut(int member) => Must("ip", "-n", Namespace(member), "link", "set", "v0", "down");

    public void Heal(int member) => Must("ip", "-n", Namespace(member), "link", "set", "v0", "up");

    /// <summary>ADSL: <paramref name="up"/> out of the home, <paramref name="down"/> into it.</summary>
    public void Shape(int member, string up, string down)
    {
        ShapeDevice(["-n", Namespace(member)], "v0", up);
        ShapeDevice(["-n", Hub], Bridged(member), down);
    }

    public void Unshape(int member)
    {
        Run("tc", "-n", Namespace(member), "qdisc", "del", "dev", "v0", "root");
        Run("tc", "-n", Hub, "qdisc", "del", "dev", Bridged(member), "root");
    }

    public void Dispose()
    {
        Run("ip", "link", "del", HostDevice);
        foreach (var member in _members)
            Run("ip", "netns", "del", Namespace(member));
        Run("ip", "netns", "del", Hub);
    }

    private static string Bridged(int member) => $"b{member.ToString(CultureInfo.InvariantCulture)}";

    private void Attach(int member)
    {
        var space = Namespace(member);
        Must("ip", "netns", "add", space);
        _members.Add(member);
        Must("ip", "link", "add", "v0", "netns", space, "type", "veth", "peer", "name", Bridged(member), "netns", Hub);
        Must("ip", "-n", Hub, "link", "set", Bridged(member), "master", "br0", "up");
        Must("ip", "-n", space, "addr", "add", Address(member) + "/24", "dev", "v0");
        Must("ip", "-n", space, "link", "set", "v0", "up");
        Must("ip", "-n", space, "link", "set", "lo", "up");
    }

    private static void ShapeDevice(string[] space, string device, string rate)
    {
        Must(["tc", .. space, "qdisc", "add", "dev", device, "root", "handle", "1:", "htb", "default", "10"]);
        Must(["tc", .. space, "class", "add", "dev", device, "parent", "1:", "classid", "1:10", "htb", "rate", rate,
            "ceil", rate]);
    }

    private static void Must(params string[] command)
    {
        var (code, output) = Run(command);
        if (code != 0)
            throw new InvalidOperationException($"'{string.Join(' ', command)}' failed ({code}): {output}");
    }

    private static (int Code, string Output) Run(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command.Skip(1))
            start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}

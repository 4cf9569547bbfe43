using System.Diagnostics;
using Xunit;

namespace CommunityCluster.Testing;

/// <summary>
/// A network namespace joined to this one by a veth pair whose two directions are each shaped
/// with an htb class (DESIGN.md fact 9: htb works here, netem does not). A process started
/// through <see cref="Prefix"/> runs inside the namespace at <see cref="InsideAddress"/>; the
/// test side of the link is <see cref="OutsideAddress"/>. Both addresses exist only on
/// interfaces this object creates, and everything is deleted on dispose. Needs root.
/// </summary>
public sealed class ShapedLink : IDisposable
{
    private readonly string _outsideDevice;

    private ShapedLink(string name, string outsideDevice, string outsideAddress, string insideAddress)
    {
        Namespace = name;
        _outsideDevice = outsideDevice;
        OutsideAddress = outsideAddress;
        InsideAddress = insideAddress;
    }

    public string Namespace { get; }

    public string OutsideAddress { get; }

    public string InsideAddress { get; }

    /// <summary>The command prefix that runs a program inside the namespace.</summary>
    public IReadOnlyList<string> Prefix => ["ip", "netns", "exec", Namespace];

    /// <summary>Why this machine cannot build a shaped link, or null when it can.</summary>
    public static string? Unavailable()
    {
        if (Environment.UserName != "root")
            return "network namespaces and tc need root; this run is not root";

        return Run("sh", "-c", "command -v ip && command -v tc").Code == 0 ? null : "iproute2 (ip, tc) is not installed";
    }

    public static ShapedLink Create(string rate)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var subnet = Random.Shared.Next(1, 250);
        var link = new ShapedLink($"cc-{tag}", $"cco{tag}", $"10.231.{subnet}.1", $"10.231.{subnet}.2");
        var inside = $"cci{tag}";

        try
        {
            Must("ip", "netns", "add", link.Namespace);
            Must("ip", "link", "add", link._outsideDevice, "type", "veth", "peer", "name", inside);
            Must("ip", "link", "set", inside, "netns", link.Namespace);
            Must("ip", "addr", "add", link.OutsideAddress + "/30", "dev", link._outsideDevice);
            Must("ip", "link", "set", link._outsideDevice, "up");
            Must("ip", "netns", "exec", link.Namespace, "ip", "addr", "add", link.InsideAddress + "/30", "dev", inside);
            Must("ip", "netns", "exec", link.Namespace, "ip", "link", "set", inside, "up");
            Must("ip", "netns", "exec", link.Namespace, "ip", "link", "set", "lo", "up");
            Shape([], link._outsideDevice, rate);
            Shape(link.Prefix, inside, rate);
        }
        catch
        {
            link.Dispose();
            throw;
        }

        return link;
    }

    /// <summary>The bytes the htb class of the outside device has sent: what crossed into the namespace.</summary>
    public long BytesSentInside()
    {
        var stats = Run("tc", "-s", "class", "show", "dev", _outsideDevice).Output;
        var marker = stats.IndexOf(" Sent ", StringComparison.Ordinal);
        return marker < 0 ? 0 : long.Parse(stats[(marker + 6)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        Run("ip", "netns", "del", Namespace);
        Run("ip", "link", "del", _outsideDevice);
    }

    /// <summary>Egress of one device limited to <paramref name="rate"/> by an htb class that takes all traffic.</summary>
    private static void Shape(IReadOnlyList<string> prefix, string device, string rate)
    {
        Must([.. prefix, "tc", "qdisc", "add", "dev", device, "root", "handle", "1:", "htb", "default", "10"]);
        Must([.. prefix, "tc", "class", "add", "dev", device, "parent", "1:", "classid", "1:10", "htb", "rate", rate, "ceil", rate]);
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

/// <summary>A fact that needs root and iproute2: skipped, with the reason printed, elsewhere.</summary>
public sealed class ShapedLinkFactAttribute : FactAttribute
{
    public ShapedLinkFactAttribute()
    {
        if (ShapedLink.Unavailable() is { } reason)
            Skip = reason;
    }
}

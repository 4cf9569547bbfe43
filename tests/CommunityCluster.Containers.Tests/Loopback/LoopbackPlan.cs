using CommunityCluster.Containers.Tests.Contract;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Containers.Tests.Loopback;

/// <summary>
/// One compose service as a process on loopback: the environment the container would have (the
/// image's ENV overlaid by the service's <c>environment</c>) and the same environment rewritten
/// for a process that shares the machine with the other services.
/// </summary>
public sealed record ServicePlan(
    ComposeService Service,
    ContainerImage Image,
    IReadOnlyDictionary<string, string> ContainerEnvironment,
    IReadOnlyDictionary<string, string> ProcessEnvironment,
    IReadOnlyDictionary<int, int> PortMap)
{
    public string Name => Service.Name;

    public int ClusterPort => MappedPortOf("Port");

    /// <summary>The port the gallery is reached on: where compose publishes the container's HTTP port.</summary>
    public int GalleryPort => MappedPortOf("HttpPort");

    public string Address => $"akka.tcp://{NodeSettings.SystemName}@{LoopbackPlan.Loopback}:{ClusterPort}";

    private int MappedPortOf(string key)
    {
        var variable = Image.Variable(key) ?? throw new InvalidOperationException($"the {Image.Name} has no {key} setting");
        return PortMap[int.Parse(ContainerEnvironment[variable], System.Globalization.CultureInfo.InvariantCulture)];
    }
}

/// <summary>
/// Turns what compose gives each container into what a process on this machine needs, changing
/// only what must change and passing everything else as written:
/// <list type="bullet">
/// <item>each container has its own network namespace, so its ports (cluster, HTTP, command)
/// become free loopback ports of its own;</item>
/// <item>the bind address (0.0.0.0 in a container) becomes 127.0.0.1, and a host name that is a
/// compose service (CLUSTER_HOSTNAME, the host of a seed) becomes 127.0.0.1 with that service's
/// remapped port;</item>
/// <item>a path on a named volume becomes a folder of that volume under the test's folder, and a
/// path elsewhere a folder standing for the container's own file system.</item>
/// </list>
/// </summary>
public static class LoopbackPlan
{
    public const string Loopback = "127.0.0.1";

    private static readonly string[] PortKeys = ["Port", "HttpPort", "CmdPort"];

    public static IReadOnlyList<ServicePlan> For(ComposeFile compose, string root, Func<int> freePort)
    {
        var images = compose.Services.ToDictionary(s => s.Name, ContainerImage.Of);
        var containerEnvironments = compose.Services.ToDictionary(s => s.Name, s => ContainerEnvironment(s, images[s.Name]));
        var portMaps = compose.Services.ToDictionary(s => s.Name, s => PortMap(images[s.Name], containerEnvironments[s.Name], freePort));

        return compose.InStartOrder()
            .Select(s => new ServicePlan(s, images[s.Name], containerEnvironments[s.Name],
                ProcessEnvironment(s, images[s.Name], containerEnvironments[s.Name], portMaps, root), portMaps[s.Name]))
            .ToList();
    }

    /// <summary>What the container's process sees: the image's ENV, then the service's environment.</summary>
    public static Dictionary<string, string> ContainerEnvironment(ComposeService service, ContainerImage image)
    {
        var environment = new Dictionary<string, string>(image.Dockerfile.Environment, StringComparer.Ordinal);
        foreach (var (key, value) in service.Environment)
            environment[key] = value;
        return environment;
    }

    private static Dictionary<int, int> PortMap(ContainerImage image, Dictionary<string, string> environment, Func<int> freePort) =>
        PortKeys.Select(image.Variable)
            .Where(v => v is not null && environment.TryGetValue(v, out var value) && value.Length > 0)
            .Select(v => int.Parse(environment[v!], System.Globalization.CultureInfo.InvariantCulture))
            .Distinct()
            .ToDictionary(port => port, _ => freePort());

    private static Dictionary<string, string> ProcessEnvironment(
        ComposeService service, ContainerImage image, Dictionary<string, string> container,
        Dictionary<string, Dictionary<int, int>> portMaps, string root)
    {
        var process = new Dictionary<string, string>(container, StringComparer.Ordinal);
        void Rewrite(string key, Func<string, string> rewrite)
        {
            if (image.Variable(key) is { } variable && process.TryGetValue(variable, out var value) && value.Length > 0)
                process[variable] = rewrite(value);
        }

        Rewrite("Host", _ => Loopback);
        Rewrite("PublicHost", host => portMaps.ContainsKey(host) ? Loopback
            : throw new InvalidOperationException($"service '{service.Name}' advertises '{host}', which is no service of the compose file"));
        foreach (var key in PortKeys)
            Rewrite(key, port => portMaps[service.Name][int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)]
                .ToString(System.Globalization.CultureInfo.InvariantCulture));
        Rewrite("Seeds", seeds => string.Join(',', seeds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(seed => SeedOnLoopback(service, seed, portMaps))));
        Rewrite("Data", path => HostPath(service, path, root));
        return process;
    }

    private static string SeedOnLoopback(ComposeService service, string text, Dictionary<string, Dictionary<int, int>> portMaps)
    {
        if (!SeedAddress.TryParse(text, NodeSettings.SystemName, out var seed, out var error))
            throw new InvalidOperationException($"service '{service.Name}': {error}");
        if (!portMaps.TryGetValue(seed!.Host, out var ports) || !ports.TryGetValue(seed.Port, out var port))
            throw new InvalidOperationException(
                $"service '{service.Name}' seeds '{text}', which is no cluster port of a service of the compose file");

        return (seed with { Host = Loopback, Port = port }).ToString();
    }

    private static string HostPath(ComposeService service, string containerPath, string root)
    {
        var volume = service.Volumes
            .Where(v => containerPath == v.Target || containerPath.StartsWith(v.Target.TrimEnd('/') + "/", StringComparison.Ordinal))
            .MaxBy(v => v.Target.Length);
        return volume is null
            ? Path.Combine(root, "containers", service.Name, containerPath.TrimStart('/'))
            : Path.Combine(root, "volumes", volume.Source, containerPath[volume.Target.Length..].TrimStart('/'));
    }
}

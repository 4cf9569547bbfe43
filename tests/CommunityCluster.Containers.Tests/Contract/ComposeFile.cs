using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace CommunityCluster.Containers.Tests.Contract;

/// <summary>A published port in the short syntax <c>"host:container"</c>.</summary>
public sealed record PortMapping(int HostPort, int ContainerPort);

/// <summary>A volume in the short syntax <c>name:/path</c>.</summary>
public sealed record VolumeMount(string Source, string Target);

/// <summary>One service of a compose file, as far as the container contract goes.</summary>
public sealed record ComposeService(
    string Name,
    string? Dockerfile,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<PortMapping> Ports,
    IReadOnlyList<VolumeMount> Volumes,
    IReadOnlyList<string> DependsOn,
    string? Restart);

/// <summary>
/// <c>docker/compose.yaml</c> read with a YAML parser: services with their build file,
/// environment, ports, volumes, dependencies and restart policy, and the named volumes. Only the
/// short syntaxes this project writes are understood; anything else is an error, not a guess.
/// </summary>
public sealed record ComposeFile(string Path, IReadOnlyList<ComposeService> Services, IReadOnlyList<string> NamedVolumes)
{
    public ComposeService this[string name] =>
        Services.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"no service '{name}' in {Path}");

    public static ComposeFile Load(string path) => Parse(path, File.ReadAllText(path));

    public static ComposeFile Parse(string path, string text)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;

        var services = Mapping(root, "services")?.Children
            .Select(entry => ReadService(Scalar(entry.Key), (YamlMappingNode)entry.Value))
            .ToList() ?? throw new FormatException($"{path}: no services");
        var volumes = Mapping(root, "volumes")?.Children.Keys.Select(Scalar).ToList() ?? [];
        return new ComposeFile(path, services, volumes);
    }

    /// <summary>Services in an order that starts each after what it depends on, as compose does.</summary>
    public IReadOnlyList<ComposeService> InStartOrder()
    {
        var ordered = new List<ComposeService>();
        void Visit(ComposeService service, int depth)
        {
            if (depth > Services.Count)
                throw new FormatException($"{Path}: depends_on has a cycle through '{service.Name}'");
            if (ordered.Contains(service))
                return;

            foreach (var dependency in service.DependsOn)
                Visit(this[dependency], depth + 1);
            ordered.Add(service);
        }

        foreach (var service in Services)
            Visit(service, 0);
        return ordered;
    }

    private static ComposeService ReadService(string name, YamlMappingNode node) => new(
        name,
        Dockerfile: Mapping(node, "build") is { } build ? ScalarOrNull(build, "dockerfile") ?? "Dockerfile" : null,
        Environment: ReadEnvironment(name, node),
        Ports: Sequence(node, "ports").Select(p => ReadPort(name, p)).ToList(),
        Volumes: Sequence(node, "volumes").Select(v => ReadVolume(name, v)).ToList(),
        DependsOn: node.Children.TryGetValue("depends_on", out var dependsOn)
            ? dependsOn is YamlMappingNode map ? map.Children.Keys.Select(Scalar).ToList() : ((YamlSequenceNode)dependsOn).Select(Scalar).ToList()
            : [],
        Restart: ScalarOrNull(node, "restart"));

    /// <summary>The mapping form <c>KEY: value</c> or the list form <c>- KEY=value</c>.</summary>
    private static Dictionary<string, string> ReadEnvironment(string service, YamlMappingNode node)
    {
        if (!node.Children.TryGetValue("environment", out var environment))
            return [];

        if (environment is YamlMappingNode map)
            return map.Children.ToDictionary(e => Scalar(e.Key), e => Scalar(e.Value), StringComparer.Ordinal);

        return ((YamlSequenceNode)environment).Select(Scalar).ToDictionary(
            e => e.Contains('=', StringComparison.Ordinal) ? e[..e.IndexOf('=', StringComparison.Ordinal)]
                : throw new FormatException($"service '{service}': environment entry '{e}' has no value"),
            e => e[(e.IndexOf('=', StringComparison.Ordinal) + 1)..],
            StringComparer.Ordinal);
    }

    private static PortMapping ReadPort(string service, YamlNode node)
    {
        var parts = Scalar(node).Split('/')[0].Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var host)
            || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var container))
            throw new FormatException($"service '{service}': port '{Scalar(node)}' is not \"host:container\"");

        return new PortMapping(host, container);
    }

    private static VolumeMount ReadVolume(string service, YamlNode node)
    {
        var parts = Scalar(node).Split(':');
        if (parts.Length is < 2 or > 3)
            throw new FormatException($"service '{service}': volume '{Scalar(node)}' is not name:/path");

        return new VolumeMount(parts[0], parts[1]);
    }

    private static YamlMappingNode? Mapping(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? value as YamlMappingNode : null;

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? (YamlSequenceNode)value : [];

    private static string? ScalarOrNull(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? Scalar(value) : null;

    private static string Scalar(YamlNode node) =>
        node is YamlScalarNode scalar ? scalar.Value ?? "" : throw new FormatException($"expected a scalar at {node.Start}");
}

using CommunityCluster.Core.Settings;
using CommunityCluster.Testing;

namespace CommunityCluster.Containers.Tests.Contract;

/// <summary>
/// One of the two images: its Dockerfile, the project it publishes, and the settings table of the
/// program it runs. The expected variables come from that table in code, so the checks follow
/// every setting added to the node or the lighthouse.
/// </summary>
public sealed record ContainerImage(string Name, string DockerfilePath, string ProjectPath, IReadOnlyList<SettingDefinition> Settings)
{
    public static readonly ContainerImage Node = new(
        "node", "docker/node.Dockerfile", "src/CommunityCluster.Node/CommunityCluster.Node.csproj", NodeSettings.Definitions);

    public static readonly ContainerImage Lighthouse = new(
        "lighthouse", "docker/lighthouse.Dockerfile", "lighthouse/CommunityCluster.Lighthouse.csproj", LighthouseSettings.Definitions);

    public static readonly IReadOnlyList<ContainerImage> All = [Node, Lighthouse];

    public static string ComposePath => Path.Combine(Binaries.RepositoryRoot, "docker", "compose.yaml");

    public Dockerfile Dockerfile => Contract.Dockerfile.Load(Path.Combine(Binaries.RepositoryRoot, DockerfilePath));

    public IReadOnlySet<string> SettingVariables => Settings.Select(d => d.EnvironmentVariable).ToHashSet(StringComparer.Ordinal);

    /// <summary>The variable of a setting by its key (<c>Port</c>, <c>HttpPort</c>, ...), or null if this program has none.</summary>
    public string? Variable(string key) => Settings.FirstOrDefault(d => d.Key == key)?.EnvironmentVariable;

    /// <summary>The image a compose service builds, by its <c>build.dockerfile</c>.</summary>
    public static ContainerImage Of(ComposeService service)
    {
        var dockerfile = service.Dockerfile?.Replace('\\', '/');
        return All.FirstOrDefault(i => dockerfile is not null && dockerfile.EndsWith(i.DockerfilePath, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"service '{service.Name}' builds '{service.Dockerfile}', which is neither image");
    }
}

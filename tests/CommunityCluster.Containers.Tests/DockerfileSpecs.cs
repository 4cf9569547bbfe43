using System.Collections;
using System.Xml.Linq;
using CommunityCluster.Containers.Tests.Contract;
using CommunityCluster.Core.Settings;
using CommunityCluster.Testing;

namespace CommunityCluster.Containers.Tests;

/// <summary>
/// Each Dockerfile against the settings table of the program it runs: the same variables both
/// ways, defaults that are the program's own unless a container needs another, and the runtime
/// promises of issue 7 (non-root, /data volume, health check, stop signal, exec-form entrypoint).
/// </summary>
public sealed class DockerfileSpecs
{
    /// <summary>Defaults the images change on purpose; each Dockerfile says why in a comment.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> ContainerDefaults = new()
    {
        ["node"] = new() { ["CLUSTER_IP"] = "0.0.0.0", ["DATA_DIR"] = "/data" },
        ["lighthouse"] = new() { ["CLUSTER_IP"] = "0.0.0.0" },
    };

    public static TheoryData<string> Images => new(ContainerImage.All.Select(i => i.Name));

    private static ContainerImage Image(string name) => ContainerImage.All.Single(i => i.Name == name);

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_should_set_every_variable_its_program_reads_and_no_other(string name)
    {
        var image = Image(name);

        var declared = image.Dockerfile.Environment.Keys.ToHashSet(StringComparer.Ordinal);

        var missing = image.SettingVariables.Except(declared).Order(StringComparer.Ordinal).ToList();
        var unknown = declared.Except(image.SettingVariables).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{image.DockerfilePath} lacks an ENV for: {string.Join(", ", missing)}");
        Assert.True(unknown.Count == 0, $"{image.DockerfilePath} sets variables the {name} does not read: {string.Join(", ", unknown)}");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_defaults_should_be_the_programs_own_except_the_container_ones(string name)
    {
        var image = Image(name);
        var overrides = ContainerDefaults[name];

        var environment = image.Dockerfile.Environment;

        foreach (var setting in image.Settings.Where(s => environment.ContainsKey(s.EnvironmentVariable)))
        {
            var expected = overrides.TryGetValue(setting.EnvironmentVariable, out var value) ? value : setting.Default;
            Assert.True(expected == environment[setting.EnvironmentVariable],
                $"{image.DockerfilePath}: ENV {setting.EnvironmentVariable}=\"{environment[setting.EnvironmentVariable]}\", expected \"{expected}\"");
        }
    }

    [Fact]
    public void Node_image_environment_should_parse_to_a_node_bound_to_every_interface_with_data_on_the_volume()
    {
        var dockerfile = ContainerImage.Node.Dockerfile;
        var environment = new Hashtable(dockerfile.Environment.ToDictionary()) { ["CLUSTER_HOSTNAME"] = "nas.example" };

        var settings = NodeSettings.Parse([], environment, null, "3f2a9c1b7d4e");

        Assert.Equal("0.0.0.0", settings.Host);
        Assert.Equal("akka.tcp://community@nas.example:4054", settings.SelfAddress);
        Assert.Equal("/data", settings.DataDirectory);
        Assert.Contains("/data", dockerfile.Volumes);
        Assert.Equal(["web", "photos", "thumbs", "meta"], settings.Roles);
        Assert.Equal([settings.Port, settings.HttpPort, settings.CmdPort], dockerfile.ExposedPorts);
    }

    [Fact]
    public void Lighthouse_image_environment_should_parse_to_a_lighthouse_bound_to_every_interface()
    {
        var dockerfile = ContainerImage.Lighthouse.Dockerfile;
        var environment = new Hashtable(dockerfile.Environment.ToDictionary()) { ["CLUSTER_HOSTNAME"] = "seed.example" };

        var settings = LighthouseSettings.Parse([], environment, null);

        Assert.Equal("0.0.0.0", settings.Host);
        Assert.Equal(NodeSettings.SystemName, settings.SystemName);
        Assert.Equal([settings.Port], dockerfile.ExposedPorts);
    }

    [Fact]
    public void Image_environment_alone_should_be_refused_until_the_public_host_is_set()
    {
        var node = new Hashtable(ContainerImage.Node.Dockerfile.Environment.ToDictionary());
        var lighthouse = new Hashtable(ContainerImage.Lighthouse.Dockerfile.Environment.ToDictionary());

        var nodeError = Assert.Throws<SettingsException>(() => NodeSettings.Parse([], node, null, "3f2a9c1b7d4e"));
        var lighthouseError = Assert.Throws<SettingsException>(() => LighthouseSettings.Parse([], lighthouse, null));

        Assert.Contains("CLUSTER_HOSTNAME", nodeError.Message, StringComparison.Ordinal);
        Assert.Contains("CLUSTER_HOSTNAME", lighthouseError.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_should_run_its_program_as_a_non_root_pid_1_that_gets_sigterm(string name)
    {
        var dockerfile = Image(name).Dockerfile;

        Assert.Equal("app", dockerfile.User);
        Assert.Equal("SIGTERM", dockerfile.StopSignal);
        Assert.Equal("dotnet", dockerfile.Entrypoint[0]);
        Assert.EndsWith(".dll", dockerfile.Entrypoint[1], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", dockerfile.All.Last(i => i.Keyword == "FROM").Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_image_should_check_its_health_with_the_node_itself()
    {
        var dockerfile = ContainerImage.Node.Dockerfile;

        Assert.Equal(["dotnet", "/app/CommunityCluster.Node.dll", "healthcheck"], dockerfile.HealthCheck);
        Assert.Equal(["dotnet", "/app/CommunityCluster.Node.dll"], dockerfile.Entrypoint);
    }

    /// <summary>
    /// The restore layer copies each project file before the sources; a project the program
    /// comes to depend on (PhotoHub, say) must be added there, or the image's publish fails, and
    /// only a machine with a Docker engine would notice.
    /// </summary>
    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_should_copy_the_project_file_of_every_project_its_program_builds_from(string name)
    {
        var image = Image(name);

        var copied = image.Dockerfile.All.Where(i => i.Keyword == "COPY")
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(a => a.EndsWith(".csproj", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);

        var needed = ProjectClosure(Path.Combine(Binaries.RepositoryRoot, image.ProjectPath))
            .Select(p => Path.GetRelativePath(Binaries.RepositoryRoot, p).Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(needed.SetEquals(copied),
            $"{image.DockerfilePath} copies [{string.Join(", ", copied.Order())}] but {name} builds from [{string.Join(", ", needed.Order())}]");
    }

    private static HashSet<string> ProjectClosure(string project)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next))
                continue;

            foreach (var reference in XDocument.Load(next).Descendants("ProjectReference"))
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(next)!,
                    reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar))));
        }

        return found;
    }
}

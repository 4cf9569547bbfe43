using System.Collections;
using CommunityCluster.Containers.Tests.Contract;
using CommunityCluster.Containers.Tests.Loopback;
using CommunityCluster.Core.Settings;

namespace CommunityCluster.Containers.Tests;

/// <summary>
/// docker/compose.yaml as issue 7 asks for it: a lighthouse and four homes with distinct home ids,
/// two sharing disk and two sharing CPU, each gallery on its own host port, named volumes, a
/// restart policy, and settings that the programs accept.
/// </summary>
public sealed class ComposeFileSpecs
{
    private static readonly ComposeFile Compose = ComposeFile.Load(ContainerImage.ComposePath);

    private static IReadOnlyList<ComposeService> Homes => Compose.Services.Where(s => ContainerImage.Of(s) == ContainerImage.Node).ToList();

    private static NodeSettings SettingsOf(ComposeService home) =>
        NodeSettings.Parse([], new Hashtable(LoopbackPlan.ContainerEnvironment(home, ContainerImage.Node)), null, "container-id");

    [Fact]
    public void Compose_should_run_one_lighthouse_and_four_homes_with_distinct_home_ids()
    {
        var lighthouses = Compose.Services.Where(s => ContainerImage.Of(s) == ContainerImage.Lighthouse).ToList();

        var homeIds = Homes.Select(h => h.Environment.GetValueOrDefault("HOME_ID", "")).ToList();

        Assert.Single(lighthouses);
        Assert.Equal(4, Homes.Count);
        Assert.All(homeIds, id => Assert.False(string.IsNullOrEmpty(id), "every home sets HOME_ID (else it is the container id)"));
        Assert.Equal(homeIds.Count, homeIds.Distinct().Count());
    }

    [Fact]
    public void Compose_should_have_two_homes_sharing_disk_and_two_sharing_cpu()
    {
        var settings = Homes.Select(SettingsOf).ToList();

        var disk = settings.Where(s => s.Roles.Contains(ServiceRole.Photos) && s.Roles.Contains(ServiceRole.Meta)).ToList();
        var cpu = settings.Where(s => s.Roles.Contains(ServiceRole.Thumbs) && !s.Roles.Contains(ServiceRole.Photos)).ToList();

        Assert.Equal(2, disk.Count);
        Assert.Equal(2, cpu.Count);
        Assert.All(disk, s => Assert.True(s.StorageQuota?.Bytes >= ByteSize.FromGigabytes(100).Bytes, $"{s.HomeId} shares disk: quota {s.StorageQuota}"));
        Assert.All(cpu, s => Assert.True(s.StorageQuota?.Bytes <= ByteSize.FromGigabytes(10).Bytes, $"{s.HomeId} shares CPU: quota {s.StorageQuota}"));
    }

    [Fact]
    public void Compose_should_publish_each_gallery_on_its_own_host_port()
    {
        var published = Homes.Select(h => (Home: h, Ports: h.Ports, Http: SettingsOf(h).HttpPort)).ToList();

        Assert.All(published, p => Assert.Equal([p.Http], p.Ports.Select(m => m.ContainerPort)));
        var hostPorts = published.SelectMany(p => p.Ports.Select(m => m.HostPort)).ToList();
        Assert.Equal(hostPorts.Count, hostPorts.Distinct().Count());
    }

    [Fact]
    public void Compose_should_keep_each_homes_data_folder_on_a_named_volume_of_its_own()
    {
        var mounts = Homes.Select(h => (Data: SettingsOf(h).DataDirectory, h.Volumes)).ToList();

        Assert.All(mounts, m => Assert.Contains(m.Volumes, v => v.Target == m.Data && Compose.NamedVolumes.Contains(v.Source)));
        var sources = mounts.SelectMany(m => m.Volumes.Select(v => v.Source)).ToList();
        Assert.Equal(sources.Count, sources.Distinct().Count());
    }

    [Fact]
    public void Compose_services_should_restart_advertise_their_service_name_and_join_the_lighthouse()
    {
        var lighthouse = Compose.Services.Single(s => ContainerImage.Of(s) == ContainerImage.Lighthouse);
        var lighthousePort = LighthouseSettings.Parse([], new Hashtable(LoopbackPlan.ContainerEnvironment(lighthouse, ContainerImage.Lighthouse)), null).Port;

        Assert.All(Compose.Services, s => Assert.Contains(s.Restart, new[] { "always", "unless-stopped", "on-failure" }));
        Assert.All(Compose.Services, s => Assert.Equal(s.Name, s.Environment.GetValueOrDefault("CLUSTER_HOSTNAME")));
        Assert.All(Homes, h => Assert.Equal([$"akka.tcp://community@{lighthouse.Name}:{lighthousePort}"], SettingsOf(h).Seeds.Select(s => s.ToString())));
        Assert.All(Homes, h => Assert.Contains(lighthouse.Name, h.DependsOn));
    }

    [Fact]
    public void Compose_should_set_only_variables_that_the_service_image_reads()
    {
        var unknown = Compose.Services
            .SelectMany(s => s.Environment.Keys.Where(k => !ContainerImage.Of(s).SettingVariables.Contains(k)).Select(k => $"{s.Name}: {k}"))
            .ToList();

        Assert.Empty(unknown);
    }
}

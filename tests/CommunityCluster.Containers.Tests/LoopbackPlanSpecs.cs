using CommunityCluster.Containers.Tests.Contract;
using CommunityCluster.Containers.Tests.Loopback;

namespace CommunityCluster.Containers.Tests;

/// <summary>The rewriting of each container's environment for a process on loopback, and only that.</summary>
public sealed class LoopbackPlanSpecs
{
    private static readonly ComposeFile Compose = ComposeFile.Load(ContainerImage.ComposePath);

    private static IReadOnlyList<ServicePlan> Plan()
    {
        var next = 40000;
        return LoopbackPlan.For(Compose, "/tmp/plan", () => next++);
    }

    [Fact]
    public void Plan_should_start_the_lighthouse_before_the_homes_that_depend_on_it()
    {
        var plans = Plan();

        Assert.Equal("lighthouse", plans[0].Name);
        Assert.Equal(Compose.Services.Count, plans.Count);
    }

    [Fact]
    public void Plan_should_give_every_service_its_own_loopback_ports_and_point_seeds_at_the_lighthouses()
    {
        var plans = Plan();
        var lighthouse = plans.Single(p => p.Image == ContainerImage.Lighthouse);

        var ports = plans.SelectMany(p => p.PortMap.Values).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(plans.Where(p => p.Image == ContainerImage.Node), p =>
        {
            Assert.Equal(lighthouse.Address, p.ProcessEnvironment["CLUSTER_SEEDS"]);
            Assert.Equal("127.0.0.1", p.ProcessEnvironment["CLUSTER_IP"]);
            Assert.Equal("127.0.0.1", p.ProcessEnvironment["CLUSTER_HOSTNAME"]);
            Assert.Equal(p.GalleryPort.ToString(System.Globalization.CultureInfo.InvariantCulture), p.ProcessEnvironment["HTTP_PORT"]);
        });
    }

    [Fact]
    public void Plan_should_put_data_on_the_service_volume_and_pass_every_other_variable_as_compose_wrote_it()
    {
        var plans = Plan();

        Assert.All(plans.Where(p => p.Image == ContainerImage.Node), p =>
        {
            var volume = p.Service.Volumes.Single(v => v.Target == "/data").Source;
            Assert.Equal(Path.Combine("/tmp/plan", "volumes", volume, ""), p.ProcessEnvironment["DATA_DIR"]);
            foreach (var key in new[] { "HOME_ID", "CLUSTER_ROLES", "STORAGE_QUOTA" })
                Assert.Equal(p.Service.Environment[key], p.ProcessEnvironment[key]);
            Assert.Equal(p.ContainerEnvironment.Keys.Order(), p.ProcessEnvironment.Keys.Order());
        });
    }
}

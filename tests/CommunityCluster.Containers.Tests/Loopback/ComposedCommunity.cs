using System.Diagnostics;
using CommunityCluster.Containers.Tests.Contract;
using CommunityCluster.Testing;

namespace CommunityCluster.Containers.Tests.Loopback;

/// <summary>
/// <c>docker compose up</c> without Docker: every service of the compose file as a process of the
/// published program its image runs, with the environment, ports and volumes compose gives it
/// (remapped by <see cref="LoopbackPlan"/>), started in dependency order without waiting in
/// between, as compose starts them. Disposing kills whatever still runs.
/// </summary>
public sealed class ComposedCommunity : IAsyncDisposable
{
    private ComposedCommunity(ComposeFile compose, IReadOnlyList<ServiceProcess> services)
    {
        Compose = compose;
        Services = services;
    }

    public ComposeFile Compose { get; }

    public IReadOnlyList<ServiceProcess> Services { get; }

    /// <summary>The services that run the node image: the homes.</summary>
    public IReadOnlyList<ServiceProcess> Homes => Services.Where(s => s.Plan.Image == ContainerImage.Node).ToList();

    public ServiceProcess this[string name] => Services.Single(s => s.Name == name);

    public static async Task<ComposedCommunity> StartAsync(TestFolder folder, TimeSpan readyWithin)
    {
        var compose = ComposeFile.Load(ContainerImage.ComposePath);
        var plans = LoopbackPlan.For(compose, folder.Path, FreePorts.Next);
        var services = new List<ServiceProcess>();
        foreach (var plan in plans)
            services.Add(new ServiceProcess(plan, await ProgramOfAsync(plan.Image), folder.Combine(plan.Name)));

        var community = new ComposedCommunity(compose, services);
        try
        {
            foreach (var service in services)
                service.Start();

            await Task.WhenAll(community.Homes.Select(h => Eventually.Until(h.IsReadyAsync, readyWithin, $"{h.Name} to be ready")));
        }
        catch
        {
            folder.Keep = true;
            await community.DisposeAsync();
            throw;
        }

        return community;
    }

    /// <summary>
    /// The image's own health check, run here: its HEALTHCHECK command with the image's WORKDIR
    /// standing for the published folder, and the service's environment.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunHealthCheckAsync(ServiceProcess service)
    {
        var image = service.Plan.Image;
        var command = image.Dockerfile.HealthCheck ?? throw new InvalidOperationException($"the {image.Name} image has no HEALTHCHECK");
        var published = await PublishedImages.FolderOfAsync(image);
        var workdir = image.Dockerfile.WorkingDirectory ?? "/";

        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
            start.ArgumentList.Add(argument.StartsWith(workdir + "/", StringComparison.Ordinal)
                ? Path.Combine(published, argument[(workdir.Length + 1)..]) : argument);
        foreach (var (key, value) in service.Plan.ProcessEnvironment)
            start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    /// <summary>The last lines of every service's log, for a failure message.</summary>
    public string LogTails(int lines = 20) =>
        string.Join("\n", Services.Select(s => $"---- {s.Name} ({s.LogPath})\n{s.LogTail(lines)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Services.Reverse())
            await service.DisposeAsync();
    }

    /// <summary>The image's ENTRYPOINT, <c>dotnet /app/X.dll</c>, pointed at the published folder.</summary>
    private static async Task<string> ProgramOfAsync(ContainerImage image)
    {
        var dockerfile = image.Dockerfile;
        if (dockerfile.Entrypoint is not ["dotnet", var dll])
            throw new InvalidOperationException($"{image.DockerfilePath}: ENTRYPOINT is not [\"dotnet\", \"<program>.dll\"]");

        var workdir = dockerfile.WorkingDirectory ?? "/";
        var relative = dll.StartsWith(workdir + "/", StringComparison.Ordinal) ? dll[(workdir.Length + 1)..] : dll.TrimStart('/');
        var program = Path.Combine(await PublishedImages.FolderOfAsync(image), relative);
        return File.Exists(program) ? program : throw new FileNotFoundException($"the image's ENTRYPOINT runs {dll}, which the publish did not produce", program);
    }
}

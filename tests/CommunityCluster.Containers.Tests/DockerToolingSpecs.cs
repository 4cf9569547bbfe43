using System.Diagnostics;
using System.Text.Json;
using CommunityCluster.Containers.Tests.Contract;
using CommunityCluster.Testing;

namespace CommunityCluster.Containers.Tests;

/// <summary>
/// The real Docker tools where they exist: <c>docker compose config</c> needs only the client's
/// compose plugin, <c>docker build</c> needs an engine. Each is skipped, with the reason printed,
/// where the machine lacks it (DESIGN.md fact 8: development machines have the client only).
/// </summary>
public sealed class DockerToolingSpecs
{
    [DockerComposeFact]
    public async Task Docker_compose_config_should_accept_the_file_and_agree_with_the_contract_reader()
    {
        var (exitCode, stdout, stderr) = await DockerTool.RunAsync(TimeSpan.FromMinutes(1),
            "compose", "-f", ContainerImage.ComposePath, "config", "--format", "json");

        Assert.True(exitCode == 0, $"docker compose config failed ({exitCode}):\n{stderr}");
        var normalized = JsonDocument.Parse(stdout).RootElement.GetProperty("services");
        var ours = ComposeFile.Load(ContainerImage.ComposePath);
        Assert.Equal(ours.Services.Select(s => s.Name).Order(), normalized.EnumerateObject().Select(p => p.Name).Order());
        foreach (var service in ours.Services)
        {
            var environment = normalized.GetProperty(service.Name).GetProperty("environment").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
            Assert.Equal(service.Environment.OrderBy(e => e.Key), environment.OrderBy(e => e.Key));
        }
    }

    [DockerEngineTheory]
    [InlineData("docker/node.Dockerfile", "communitycluster/node:test")]
    [InlineData("docker/lighthouse.Dockerfile", "communitycluster/lighthouse:test")]
    public async Task Docker_build_should_build_the_image(string dockerfile, string tag)
    {
        var (exitCode, _, stderr) = await DockerTool.RunAsync(TimeSpan.FromMinutes(20),
            "build", "-f", Path.Combine(Binaries.RepositoryRoot, dockerfile), "-t", tag, Binaries.RepositoryRoot);

        Assert.True(exitCode == 0, $"docker build -f {dockerfile} failed ({exitCode}):\n{stderr}");
    }
}

/// <summary>Runs the docker client and tells what it has: an engine behind it, the compose plugin.</summary>
public static class DockerTool
{
    private static readonly Lazy<string?> EngineMissing = new(() => Missing("info", "no Docker engine here (`docker info` failed"));

    private static readonly Lazy<string?> ComposeMissing =
        new(() => Missing("compose version", "the docker client here has no compose plugin (`docker compose version` failed"));

    /// <summary>Null when <c>docker info</c> answers, else why docker build cannot run.</summary>
    public static string? WhyNoEngine => EngineMissing.Value;

    /// <summary>Null when <c>docker compose version</c> answers, else why compose config cannot run.</summary>
    public static string? WhyNoCompose => ComposeMissing.Value;

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string? Missing(string command, string reason)
    {
        try
        {
            var (exitCode, _, stderr) = RunAsync(TimeSpan.FromSeconds(20), command.Split(' ')).GetAwaiter().GetResult();
            var detail = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
            return exitCode == 0 ? null : $"{reason}: {detail}); DESIGN.md fact 8";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return $"{reason}: {e.Message}); DESIGN.md fact 8";
        }
    }
}

/// <summary>A fact that needs a Docker engine: skipped, with the reason printed, where there is none.</summary>
public sealed class DockerEngineTheoryAttribute : TheoryAttribute
{
    public DockerEngineTheoryAttribute()
    {
        if (DockerTool.WhyNoEngine is { } reason)
            Skip = reason;
    }
}

/// <summary>A fact that needs the docker client's compose plugin (no engine): skipped, with the reason printed, where it is absent.</summary>
public sealed class DockerComposeFactAttribute : FactAttribute
{
    public DockerComposeFactAttribute()
    {
        if (DockerTool.WhyNoCompose is { } reason)
            Skip = reason;
    }
}

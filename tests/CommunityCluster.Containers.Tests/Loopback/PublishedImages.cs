using System.Diagnostics;
using CommunityCluster.Containers.Tests.Contract;
using CommunityCluster.Testing;

namespace CommunityCluster.Containers.Tests.Loopback;

/// <summary>
/// The two programs as the images hold them: <c>dotnet publish</c> with the Dockerfiles' flags
/// (framework-dependent, no app host) into <c>artifacts/containers-test</c>, then the same
/// pruning of <c>runtimes/</c>, so a file the image drops is missing here too. Published once per
/// test run from the solution's existing build (<c>--no-build</c>): a copy of a few seconds.
/// </summary>
public static class PublishedImages
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, string> Folders = new(StringComparer.Ordinal);

    /// <summary>The folder that stands for the image's WORKDIR (/app), published on first use.</summary>
    public static async Task<string> FolderOfAsync(ContainerImage image)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Folders.TryGetValue(image.Name, out var folder))
            {
                folder = await PublishAsync(image);
                Folders[image.Name] = folder;
            }

            return folder;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> PublishAsync(ContainerImage image)
    {
        var output = Path.Combine(Binaries.RepositoryRoot, "artifacts", "containers-test", Binaries.Configuration, image.Name);
        if (Directory.Exists(output))
            Directory.Delete(output, recursive: true);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Binaries.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "publish", image.ProjectPath, "-c", Binaries.Configuration, "--no-build",
                     "-p:UseAppHost=false", "-o", output, "-nologo", "-v", "quiet" })
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(cancel.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"dotnet publish {image.ProjectPath} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");

        Prune(image, output);
        return output;
    }

    private static void Prune(ContainerImage image, string output)
    {
        var kept = image.Dockerfile.KeptRuntimeFolders;
        var runtimes = Path.Combine(output, "runtimes");
        if (kept is null || !Directory.Exists(runtimes))
            return;

        foreach (var folder in Directory.GetDirectories(runtimes).Where(f => !kept.Contains(Path.GetFileName(f))))
            Directory.Delete(folder, recursive: true);
    }
}
